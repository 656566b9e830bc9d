// Exercise 5 of "Convolutional Neural Networks (LeNet)": count how many
// multiplications each layer spends on one image. A convolution does one
// multiplication per kernel weight, per input channel, per output channel and
// per output pixel; a dense layer one per weight. Follow the spatial size of
// the feature maps through the network (convolutions and pooling shrink it).
//
// Check it: bash scripts/exercise.sh lenet_mults
#include "lenet_mults.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

std::vector<int64_t> lenet_mults(int64_t side) {
  exercise::todo("lenet_mults");  // your answer here: replace this line
}
