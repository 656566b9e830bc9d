// Exercise 5 of "Multilayer Perceptrons": without an activation between them,
// a hidden layer H = X W1 + b1 and an output layer O = H W2 + b2 add nothing:
// O is one affine function of X. Work out its weight and bias and return them.
//
// Check it: bash scripts/exercise.sh collapse_affine
#include "collapse_affine.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

std::pair<NDArray, NDArray> collapse_affine(const NDArray& W1, const NDArray& b1,
                                            const NDArray& W2, const NDArray& b2) {
  exercise::todo("collapse_affine");  // your answer here: replace this line
}
