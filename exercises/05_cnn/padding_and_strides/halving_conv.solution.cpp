// The reference answer to halving_conv.cpp.
#include "halving_conv.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

gluon::nn::Conv2D halving_conv(int64_t channels) {
  // Padding 2 keeps 28 x 28 ((28 - 5 + 4 + 1) / 1 = 28), stride 2 halves it:
  // (28 - 5 + 4 + 2) / 2 = 14 (rounded down). With stride 2 no other padding works.
  return nn::Conv2D({.channels = channels, .kernel_size = 5, .strides = 2, .padding = 2});
}
