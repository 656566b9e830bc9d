// Exercise 2 of "Densely Connected Networks (DenseNet)" starts by counting the
// parameters, which needs the channels flowing through the network. Work them
// out: a dense block concatenates its input with the output of every one of
// its convolution blocks; a transition layer halves the channels and the
// height and width. The check builds the blocks and compares.
//
// Check it: bash scripts/exercise.sh dense_channels
#include "dense_channels.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

Shape dense_block_shape(const Shape& chw, int num_convs, int64_t growth_rate) {
  exercise::todo("dense_block_shape");  // your answer here: replace this line
}

Shape transition_shape(const Shape& chw) {
  exercise::todo("transition_shape");  // your answer here: replace this line
}
