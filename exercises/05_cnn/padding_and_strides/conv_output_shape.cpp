// Exercise 1 of "Padding and Stride": predict the output shape before running
// the convolution. Along each axis, count how many positions of the kernel fit
// into the padded input when it moves by the stride. The check compares your
// prediction with nn::Conv2D on 8x8 and 9x9 inputs and other settings.
//
// Check it: bash scripts/exercise.sh conv_output_shape
#include "conv_output_shape.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

Shape conv_output_shape(int64_t n_h, int64_t n_w, int64_t k_h, int64_t k_w, int64_t p_h,
                        int64_t p_w, int64_t s_h, int64_t s_w) {
  exercise::todo("conv_output_shape");  // your answer here: replace this line
}
