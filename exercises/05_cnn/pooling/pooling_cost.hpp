// Exercise 3: the operations of pooling, counted from the output size.
#pragma once
#include <cstdint>

/// The output height (or width) of pooling a side of `n` pixels with a window
/// of `p`, padding `pad` on each side and stride `s`.
int64_t pooled_side(int64_t n, int64_t p, int64_t pad, int64_t s);

/// How many input values pooling a (c, h, w) input reads: each output value
/// looks at one p_h x p_w window (a max takes p_h p_w - 1 comparisons of them,
/// an average p_h p_w - 1 additions and one division).
int64_t pooling_reads(int64_t c, int64_t h, int64_t w, int64_t p_h, int64_t p_w,
                      int64_t pad_h, int64_t pad_w, int64_t s_h, int64_t s_w);
