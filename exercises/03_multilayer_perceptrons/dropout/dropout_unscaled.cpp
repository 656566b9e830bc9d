// Exercise 4 of "Dropout": the section's dropout divides the survivors by
// 1 - p while training so that nothing changes at prediction time. The other
// way is to keep the survivors unscaled while training and to multiply every
// activation by 1 - p when predicting. Write both halves of that version.
//
// Check it: bash scripts/exercise.sh dropout_unscaled
#include "dropout_unscaled.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray dropout_unscaled(const NDArray& X, float drop_prob) {
  exercise::todo("dropout_unscaled");  // your answer here: replace this line
}

NDArray dropout_unscaled_predict(const NDArray& X, float drop_prob) {
  exercise::todo("dropout_unscaled_predict");  // your answer here: replace this line
}
