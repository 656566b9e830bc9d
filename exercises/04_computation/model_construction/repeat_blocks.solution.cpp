// The reference answer to repeat_blocks.cpp.
#include "repeat_blocks.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

std::shared_ptr<nn::Sequential> repeat_copies(
    const std::function<std::shared_ptr<gluon::Block>()>& make, int n) {
  auto net = std::make_shared<nn::Sequential>();
  for (int i = 0; i < n; ++i) net->add(make());  // a new block each time
  return net;
}

std::shared_ptr<nn::Sequential> repeat_same(std::shared_ptr<gluon::Block> block, int n) {
  auto net = std::make_shared<nn::Sequential>();
  for (int i = 0; i < n; ++i) net->add(block);  // the same pointer each time
  return net;
}
