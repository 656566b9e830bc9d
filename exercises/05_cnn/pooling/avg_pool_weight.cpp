// Exercise 1 of "Pooling": average pooling takes the mean of each window, and
// a mean is a weighted sum, so it is a convolution. Find the weight, for
// images with c channels: mind that pooling treats each channel on its own,
// whereas a convolution's output channel o sums over all input channels i with
// the weights weight[o, i].
//
// Check it: bash scripts/exercise.sh avg_pool_weight
#include "avg_pool_weight.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray avg_pool_weight(int64_t c, int64_t p_h, int64_t p_w) {
  exercise::todo("avg_pool_weight");  // your answer here: replace this line
}
