// C = alpha A B + beta C when A has at most 16 rows and both operands run
// along k in memory (A's rows and B's columns contiguous), as in a Dense
// layer with few outputs: y = x W^T computed as y^T = W x^T, W (units, in)
// and x (batch, in) both row-major. Each C element is a dot product of two
// contiguous rows, so neither operand is packed or transposed (the general
// path transposed all of x for every call, which cost more than the product).
#ifdef __AVX512F__

#include <immintrin.h>

#include <algorithm>

#include "core/parallel.hpp"
#include "cpu/sgemm_avx512.hpp"

namespace d2l::kernels::avx512 {

namespace {

constexpr int64_t kCols = 4;  // columns of B (rows of x) per register tile

// The four lane sums of a, b, c, d, as one 4-float vector (a's first). The
// masked forms with every lane set: GCC 12's unmasked ones trip
// -Wuninitialized inside its own header.
inline __m128 sum4(__m512 a, __m512 b, __m512 c, __m512 d) {
  constexpr __mmask16 kAll = 0xFFFF;
  // Pairwise interleaves halve the lanes per sum: 16 -> 8 -> 4 -> 2 -> 1.
  const __m512 ab = _mm512_add_ps(_mm512_maskz_unpacklo_ps(kAll, a, b),
                                  _mm512_maskz_unpackhi_ps(kAll, a, b));
  const __m512 cd = _mm512_add_ps(_mm512_maskz_unpacklo_ps(kAll, c, d),
                                  _mm512_maskz_unpackhi_ps(kAll, c, d));
  // ab = (a, b, a, b) per 128-bit lane, cd likewise: pick (a, b, c, d) twice.
  const __m512 abcd = _mm512_add_ps(_mm512_shuffle_ps(ab, cd, _MM_SHUFFLE(1, 0, 1, 0)),
                                    _mm512_shuffle_ps(ab, cd, _MM_SHUFFLE(3, 2, 3, 2)));
  // Then the four 128-bit lanes: swap halves and add, swap quarters and add.
  const __m512 halves = _mm512_add_ps(
      abcd, _mm512_maskz_shuffle_f32x4(kAll, abcd, abcd, _MM_SHUFFLE(1, 0, 3, 2)));
  const __m512 quarters = _mm512_add_ps(
      halves, _mm512_maskz_shuffle_f32x4(kAll, halves, halves, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm512_maskz_extractf32x4_ps(0xF, quarters, 0);
}

// Rows [i0, i0 + R) of A against columns [j0, j0 + cols) of B (cols <= 4; a
// short tile repeats its last column and stores only the real ones).
template <int R>
void tile(int64_t i0, int64_t j0, int64_t cols, int64_t k, float alpha, const float* a,
          int64_t rsa, const float* b, int64_t csb, float beta, float* c, int64_t rsc,
          int64_t csc) {
  const float* ar[R];
  for (int r = 0; r < R; ++r) ar[r] = a + (i0 + r) * rsa;
  const float* bc[kCols];
  for (int t = 0; t < kCols; ++t) bc[t] = b + (j0 + std::min<int64_t>(t, cols - 1)) * csb;
  __m512 acc[R][kCols];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int t = 0; t < kCols; ++t) acc[r][t] = _mm512_setzero_ps();
  }
  // One loop for the whole depth, the last 16 masked.
  const __mmask16 tail = __mmask16((1u << (k % 16)) - 1);
  for (int64_t p = 0; p < k; p += 16) {
    const __mmask16 mask = k - p >= 16 ? __mmask16(0xFFFF) : tail;
    __m512 bv[kCols];
#pragma GCC unroll 4
    for (int t = 0; t < kCols; ++t) bv[t] = _mm512_maskz_loadu_ps(mask, bc[t] + p);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      const __m512 av = _mm512_maskz_loadu_ps(mask, ar[r] + p);
#pragma GCC unroll 4
      for (int t = 0; t < kCols; ++t) acc[r][t] = _mm512_fmadd_ps(av, bv[t], acc[r][t]);
    }
  }
  // Unrolled like the loops above: indexing acc with a run-time r would put
  // the accumulators in memory, stored on every step of the depth loop.
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
    alignas(16) float s[4];
    _mm_store_ps(s, sum4(acc[r][0], acc[r][1], acc[r][2], acc[r][3]));
    float* cr = c + (i0 + r) * rsc + j0 * csc;
    for (int64_t t = 0; t < cols; ++t) {
      float& x = cr[t * csc];
      x = beta == 0.0f ? alpha * s[t] : alpha * s[t] + beta * x;
    }
  }
}

using Tile = void (*)(int64_t, int64_t, int64_t, int64_t, float, const float*, int64_t,
                      const float*, int64_t, float, float*, int64_t, int64_t);
// Up to 6 rows x 4 columns: 24 accumulators, 4 B vectors and one A vector
// fill the 32 registers without spilling.
constexpr Tile kTiles[] = {tile<1>, tile<2>, tile<3>, tile<4>, tile<5>, tile<6>};
constexpr int64_t kMaxRows = 6;

}  // namespace

void sgemm_dot_tiles(int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                     int64_t rsa, const float* b, int64_t csb, float beta, float* c,
                     int64_t rsc, int64_t csc) {
  // A's rows in nearly equal groups of at most 6 (10 rows: 5 + 5, not 6 + 4).
  const int64_t groups = (m + kMaxRows - 1) / kMaxRows;
  const int64_t col_tiles = (n + kCols - 1) / kCols;
  constexpr int64_t kTilesPerTask = 16;  // column tiles per parallel task
  detail::parallel_for(
      (col_tiles + kTilesPerTask - 1) / kTilesPerTask, [&](int64_t task) {
        const int64_t end = std::min(col_tiles, (task + 1) * kTilesPerTask);
        for (int64_t jt = task * kTilesPerTask; jt < end; ++jt) {
          const int64_t j0 = jt * kCols, cols = std::min(kCols, n - j0);
          for (int64_t g = 0, i0 = 0; g < groups; ++g) {
            const int64_t rows = (m - i0) / (groups - g);  // the rest, shared evenly
            kTiles[rows - 1](i0, j0, cols, k, alpha, a, rsa, b, csb, beta, c, rsc, csc);
            i0 += rows;
          }
        }
      });
}

}  // namespace d2l::kernels::avx512

#endif  // __AVX512F__
