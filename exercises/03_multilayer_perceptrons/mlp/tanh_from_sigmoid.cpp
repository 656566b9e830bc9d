// Exercise 1 of "Multilayer Perceptrons": the tanh is a sigmoid stretched and
// shifted. Derive tanh(x) = 2 sigmoid(2x) - 1 on paper, then write tanh with
// nd::sigmoid alone; the check compares it with nd::tanh on the section's grid.
//
// Check it: bash scripts/exercise.sh tanh_from_sigmoid
#include "tanh_from_sigmoid.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray tanh_from_sigmoid(const NDArray& x) {
  exercise::todo("tanh_from_sigmoid");  // your answer here: replace this line
}
