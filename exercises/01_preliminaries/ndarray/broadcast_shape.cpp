// Exercise 2 of "Data manipulation": predict the shape of a broadcast sum from
// the two shapes alone, say (2, 1, 3) and (4, 1). Write the rule as a
// function: compare axes from the right, treat missing axes as length 1, and
// refuse pairs where neither length is 1 and they differ. Do not call
// nd::broadcast_shapes: the point is to write the rule yourself.
//
// Check it: bash scripts/exercise.sh broadcast_shape
#include "broadcast_shape.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

Shape broadcast_shape(const Shape& a, const Shape& b) {
  exercise::todo("broadcast_shape");  // your answer here: replace this line
}
