// Exercise 5 of "Automatic differentiation": let autograd differentiate
// nd::sigmoid elementwise. Work on a copy of x so the caller's array is left
// alone, record the sigmoid, back-propagate, and return the gradient. The
// check compares it with sigma(x) (1 - sigma(x)).
//
// Check it: bash scripts/exercise.sh sigmoid_grad
#include "sigmoid_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray sigmoid_grad(const NDArray& x) {
  exercise::todo("sigmoid_grad");  // your answer here: replace this line
}
