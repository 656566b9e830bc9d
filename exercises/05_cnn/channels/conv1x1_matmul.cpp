// Exercise 4 of "Multiple Input and Multiple Output Channels": a 1x1 kernel
// mixes the channels of each pixel with the same c_o x c_i weights, so the
// layer is one matrix product of the weights with the input flattened to one
// column per pixel. Write it so that it works when height and width differ;
// the check compares it with nd::convolution and with an nn::Conv2D whose
// weight is set to K.
//
// Check it: bash scripts/exercise.sh conv1x1_matmul
#include "conv1x1_matmul.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray conv1x1_matmul(const NDArray& X, const NDArray& K) {
  exercise::todo("conv1x1_matmul");  // your answer here: replace this line
}
