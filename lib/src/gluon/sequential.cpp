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

Block& Sequential::operator[](size_t i) const {
  if (i >= layers_.size()) {
    detail::fail("Sequential", "index ", i, " is out of range for ", layers_.size(),
                 " blocks");
  }
  return *layers_[i];
}

void Sequential::wrong_type(size_t i) const {
  detail::fail("Sequential::at", "block ", i, " is a ", layers_[i]->class_name(),
               ", not the type asked for");
}

}  // namespace d2l::gluon::nn
