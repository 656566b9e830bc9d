// Exercise 3 of "Data manipulation": `Y = Y + X` computes a fresh array and
// rebinds Y to it, so the old storage is dropped and a new block is allocated.
// Write the sum into the storage Y already has instead, then do the same for
// Y * 2 + X. storage_id() tells you whether an operation allocated.
//
// Check it: bash scripts/exercise.sh add_in_place
#include "add_in_place.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

void add_in_place(NDArray& Y, const NDArray& X) {
  exercise::todo("add_in_place");  // your answer here: replace this line
}

void double_and_add_in_place(NDArray& Y, const NDArray& X) {
  exercise::todo("double_and_add_in_place");  // your answer here: replace this line
}
