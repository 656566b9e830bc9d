// Exercise 3 of "Automatic Differentiation": autograd records only the
// operations that actually ran, so a function with an `if` still has a
// gradient, that of the branch taken. Write branchy, which squares a positive
// input and exponentiates any other, and get its derivative with autograd;
// the check compares it with finite differences on both sides of 0.
//
// Check it: bash scripts/exercise.sh branch_grad
#include "branch_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray branchy(const NDArray& a) {
  exercise::todo("branchy");  // your answer here: replace this line
}

float branchy_grad(float a) {
  exercise::todo("branchy_grad");  // your answer here: replace this line
}
