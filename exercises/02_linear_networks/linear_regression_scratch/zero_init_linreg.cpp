// Exercise 1 of "Linear Regression Implementation from Scratch": instead of
// drawing w from a normal distribution, start it (and b) at zero, then run
// the section's training loop. Linear regression has one layer, so nothing
// needs random values to break a symmetry; the check sees whether the learned
// w and b still come close to the ones the data were made with.
//
// Check it: bash scripts/exercise.sh zero_init_linreg
#include "zero_init_linreg.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

std::pair<NDArray, NDArray> train_from_zero(const NDArray& features,
                                            const NDArray& labels, int num_epochs) {
  exercise::todo("train_from_zero");  // your answer here: replace this line
}
