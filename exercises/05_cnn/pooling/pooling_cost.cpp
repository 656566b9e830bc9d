// Exercise 3 of "Pooling": how much work is one pooling layer? Every output
// value summarizes one window of p_h x p_w input values, so the count follows
// from the size of the output: write the output side first (the same formula as
// for a convolution), then the number of values read.
//
// Check it: bash scripts/exercise.sh pooling_cost
#include "pooling_cost.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

int64_t pooled_side(int64_t n, int64_t p, int64_t pad, int64_t s) {
  exercise::todo("pooled_side");  // your answer here: replace this line
}

int64_t pooling_reads(int64_t c, int64_t h, int64_t w, int64_t p_h, int64_t p_w,
                      int64_t pad_h, int64_t pad_w, int64_t s_h, int64_t s_w) {
  exercise::todo("pooling_reads");  // your answer here: replace this line
}
