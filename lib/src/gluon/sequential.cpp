// Sequential: a list of blocks applied in order.
#include "d2l/gluon/nn/sequential.hpp"

#include "core/error.hpp"

namespace d2l::gluon::nn {

Sequential& Sequential::add(std::shared_ptr<Block> block) {
  register_child(block);
  layers_.push_back(std::move(block));
  return *this;
}

NDArray Sequential::forward(const NDArray& x) {
  NDArray y = x;
  for (const auto& layer : layers_) y = (*layer)(y);
  return y;
}

}  // namespace d2l::gluon::nn
