// Exercise 4 of "Weight Decay": swap the squared L2 penalty for the L1 norm,
// lambda * sum |w_i|. Its gradient is lambda * sign(w): every weight moves
// towards zero by the same lr * lambda per step, however small it already is,
// which drives many weights to zero. Write the penalty and the step.
//
// Check it: bash scripts/exercise.sh l1_penalty
#include "l1_penalty.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray l1_penalty(const NDArray& w, float lambd) {
  exercise::todo("l1_penalty");  // your answer here: replace this line
}

NDArray l1_sgd_step(const NDArray& w, const NDArray& grad, float lr, float lambd) {
  exercise::todo("l1_sgd_step");  // your answer here: replace this line
}
