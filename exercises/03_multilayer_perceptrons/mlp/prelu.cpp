// Exercise 2 of "Multilayer Perceptrons": the pReLU lets a little of the
// negative side through, max(x, 0) + alpha min(x, 0), so its slope there is
// alpha instead of 0. Write it with nd::maximum and nd::minimum, and get its
// derivative from autograd as the section does for relu, sigmoid and tanh.
//
// Check it: bash scripts/exercise.sh prelu
#include "prelu.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray prelu(const NDArray& x, float alpha) {
  exercise::todo("prelu");  // your answer here: replace this line
}

NDArray prelu_grad(const NDArray& x, float alpha) {
  exercise::todo("prelu_grad");  // your answer here: replace this line
}
