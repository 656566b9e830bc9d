// The reference answer to dense_channels.cpp.
#include "dense_channels.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

Shape dense_block_shape(const Shape& chw, int num_convs, int64_t growth_rate) {
  // each convolution block adds growth_rate channels; padding 1 keeps h and w
  return {chw[0] + num_convs * growth_rate, chw[1], chw[2]};
}

Shape transition_shape(const Shape& chw) {
  // the 1x1 convolution halves the channels, the pooling halves h and w
  return {chw[0] / 2, chw[1] / 2, chw[2] / 2};
}
