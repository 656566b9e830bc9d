// Exercise 5 of "Implementation of Multilayer Perceptrons from Scratch": start
// the MLP with every weight equal to one constant c (biases 0), run one forward
// and backward pass on a batch, and return the gradients of W1 and W2. Hidden
// unit j owns column j of W1 and row j of W2: compare the rows of W2's gradient
// (and the columns of W1's), and think about why training never separates them.
//
// Check it: bash scripts/exercise.sh constant_init_grad
#include "constant_init_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

MlpGrads constant_init_grad(const NDArray& X, const NDArray& y, int64_t num_hiddens,
                            int64_t num_outputs, float c) {
  exercise::todo("constant_init_grad");  // your answer here: replace this line
}
