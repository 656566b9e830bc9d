// Exercise 5 of "Weight Decay": run plain gradient descent, on all n examples
// at once, for a linear model with the section's squared loss and the penalty
// lambda / 2 * ||w||^2 on the weights only. Write the gradients by hand or take
// them from autograd. Where the gradient is zero, (X^T X + n lambda I) w equals
// X^T (y - b); the check tests that your result satisfies that system.
//
// Check it: bash scripts/exercise.sh ridge_gd
#include "ridge_gd.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

std::pair<NDArray, float> ridge_gd(const NDArray& X, const NDArray& y, float lambd,
                                   float lr, int steps) {
  exercise::todo("ridge_gd");  // your answer here: replace this line
}
