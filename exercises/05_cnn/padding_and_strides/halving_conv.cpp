// Exercise 2 of "Padding and Stride": a 5x5 kernel shrinks a 28x28 image to
// 24x24. Choose the padding and the stride that give exactly 14x14 instead;
// the formula of the section tells you which pairs work (is there more than
// one?). The check runs your layer on 28x28 images and on 56x56 ones, where a
// layer that halves should give 28x28.
//
// Check it: bash scripts/exercise.sh halving_conv
#include "halving_conv.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

gluon::nn::Conv2D halving_conv(int64_t channels) {
  exercise::todo("halving_conv");  // your answer here: replace this line
}
