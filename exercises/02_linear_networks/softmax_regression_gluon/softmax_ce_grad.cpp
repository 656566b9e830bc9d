// Exercise 3 of "Concise implementation of softmax regression": the derivative
// of -log softmax(o)_y with respect to o_j is softmax(o)_j minus 1 when j is the
// label and 0 otherwise. Turn that into a function on a batch: build the one-hot
// matrix of the labels and subtract it from the row-wise softmax. The check
// compares your formula with what autograd finds for nd::softmax_cross_entropy.
//
// Check it: bash scripts/exercise.sh softmax_ce_grad
#include "softmax_ce_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray softmax_ce_grad(const NDArray& O, const NDArray& y) {
  exercise::todo("softmax_ce_grad");  // your answer here: replace this line
}
