// Reductions on the host over the middle axis of an (outer, r, inner) view.
#include <limits>

#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

namespace {
template <class F>
void reduce_loop(F combine, float init, const float* x, float* y, int64_t outer,
                 int64_t r, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    float* yo = y + o * inner;
    for (int64_t i = 0; i < inner; ++i) yo[i] = init;
    for (int64_t j = 0; j < r; ++j) {
      const float* xr = x + (o * r + j) * inner;
      for (int64_t i = 0; i < inner; ++i) yo[i] = combine(yo[i], xr[i]);
    }
  }
}
}  // namespace

void reduce(Device d, Reduce op, const float* x, float* y, int64_t outer, int64_t r,
            int64_t inner) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  switch (op) {
    case Reduce::sum:
      if (inner == 1) {  // contiguous rows: accumulate in double for accuracy
        for (int64_t o = 0; o < outer; ++o) {
          double s = 0;
          for (int64_t j = 0; j < r; ++j) s += x[o * r + j];
          y[o] = float(s);
        }
      } else {
        reduce_loop([](float a, float b) { return a + b; }, 0.0f, x, y, outer, r, inner);
      }
      break;
    case Reduce::max:
      reduce_loop([](float a, float b) { return b > a ? b : a; }, -inf, x, y, outer, r,
                  inner);
      break;
    case Reduce::min:
      reduce_loop([](float a, float b) { return b < a ? b : a; }, inf, x, y, outer, r,
                  inner);
      break;
  }
}

void argmax(Device d, const float* x, float* y, int64_t outer, int64_t r, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t best = 0;
      float best_value = x[o * r * inner + i];
      for (int64_t j = 1; j < r; ++j) {
        float v = x[(o * r + j) * inner + i];
        if (v > best_value) {
          best_value = v;
          best = j;
        }
      }
      y[o * inner + i] = float(best);
    }
  }
}

}  // namespace d2l::kernels::cpu
