// Exercise 5 of "Linear Regression Implementation from Scratch": the
// predictions come as a column (n, 1) and the labels as a vector (n).
// Subtracting them as they are broadcasts both to (n, n), every prediction
// against every label. Write a squared loss that lines the labels up with the
// predictions first, and say which shape the unreshaped difference has.
//
// Check it: bash scripts/exercise.sh squared_loss_column
#include "squared_loss_column.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray squared_loss_column(const NDArray& y_hat, const NDArray& y) {
  exercise::todo("squared_loss_column");  // your answer here: replace this line
}

Shape unreshaped_loss_shape(int64_t n) {
  exercise::todo("unreshaped_loss_shape");  // your answer here: replace this line
}
