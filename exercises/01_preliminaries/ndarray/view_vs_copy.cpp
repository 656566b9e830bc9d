// Exercise 4 of "Data manipulation": reshape gives a new view of the same
// elements (row-major order does not change, so no data need move), while
// reading a selection X[{...}] copies it. Return one of each; the check writes
// through them and looks at X.
//
// Check it: bash scripts/exercise.sh view_vs_copy
#include "view_vs_copy.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray flat_view(const NDArray& X) {
  exercise::todo("flat_view");  // your answer here: replace this line
}

NDArray first_row(const NDArray& X) {
  exercise::todo("first_row");  // your answer here: replace this line
}
