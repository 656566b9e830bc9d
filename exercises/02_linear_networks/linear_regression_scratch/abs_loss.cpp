// Exercise 4 of "Linear regression from scratch": swap the squared loss for the
// absolute error |y_hat - y|. Mind the shapes, as squared_loss does: y_hat is a
// column (n, 1) and y usually a vector (n). Then work out the derivative of
// |y_hat_i - y_i| with respect to y_hat_i yourself and write it as a function.
//
// Check it: bash scripts/exercise.sh abs_loss
#include "abs_loss.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray abs_loss(const NDArray& y_hat, const NDArray& y) {
  exercise::todo("abs_loss");  // your answer here: replace this line
}

NDArray abs_loss_grad(const NDArray& y_hat, const NDArray& y) {
  exercise::todo("abs_loss_grad");  // your answer here: replace this line
}
