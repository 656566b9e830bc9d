// Winograd's transforms with AVX-512: one register holds one row of up to 16
// tiles (lane tw, tile tw), so each transform is a few dozen vector
// multiply-adds per row of tiles, with the matrices' constants folded in at
// compile time (zeros skipped). A row of the plane is read 32 floats at a time
// and its even and odd columns picked out with permutes: a tile's columns
// start 2 apart.
#ifdef __AVX512F__

#include <immintrin.h>

#include <algorithm>

#include "cpu/winograd_matrices.hpp"
#include "cpu/winograd_planes.hpp"

namespace d2l::kernels::winograd {

namespace {

__mmask16 lanes(int64_t count) {
  return count >= 16  ? __mmask16(0xFFFF)
         : count <= 0 ? __mmask16(0)
                      : __mmask16((1u << count) - 1);
}

// Columns base .. base + 31 of one row as two registers, zeros outside
// [0, width). base >= -16; a negative base reads the row from its start into
// the later lanes (an expanding load) rather than from before the row.
struct Span {
  __m512 lo, hi;
};
Span load_span(const float* row, int64_t width, int64_t base) {
  auto half = [&](int64_t start) {
    const int64_t first = std::max<int64_t>(0, -start);
    const int64_t count = std::min<int64_t>(16, width - start) - first;
    if (count <= 0) return _mm512_setzero_ps();
    const __mmask16 m = __mmask16(lanes(count) << first);
    return first > 0 ? _mm512_maskz_expandloadu_ps(m, row)
                     : _mm512_maskz_loadu_ps(m, row + start);
  };
  return {half(base), half(base + 16)};
}

// Lane l of the result: column 2l + offset of the span (offset 0 .. 2).
__m512 columns(const Span& s, int offset) {
  const __m512i two_l =
      _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  return _mm512_permutex2var_ps(s.lo, _mm512_add_epi32(two_l, _mm512_set1_epi32(offset)),
                                s.hi);
}

// sum over i of c[i] x[i], the zero coefficients left out (the loops unroll,
// so each test is decided at compile time).
template <int N>
__m512 combine(const float (&c)[N], const __m512 (&x)[N]) {
  __m512 sum = _mm512_setzero_ps();
#pragma GCC unroll 8
  for (int i = 0; i < N; ++i) {
    if (c[i] != 0.0f) sum = _mm512_fmadd_ps(_mm512_set1_ps(c[i]), x[i], sum);
  }
  return sum;
}

// Lanes tw of `left` and `right` as columns 2tw and 2tw+1 of an output row of
// `width` floats (at most 32 stored).
void store_interleaved(float* row, int64_t width, __m512 left, __m512 right) {
  const __m512i first =
      _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const __m512i second =
      _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  _mm512_mask_storeu_ps(row, lanes(width), _mm512_permutex2var_ps(left, first, right));
  if (width > 16) {
    _mm512_mask_storeu_ps(row + 16, lanes(width - 16),
                          _mm512_permutex2var_ps(left, second, right));
  }
}

}  // namespace

template <int R>
void input_plane_vector(const float* x, float* v, int64_t stride,
                        const WinogradTiles& t) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1, P = R / 2;
  // Tiles per pass: a patch's last column, 2 (tiles - 1) + A - 1, within the
  // 32 floats of a span.
  constexpr int64_t kTiles = (32 - A) / 2 + 1;
  for (int64_t tw0 = 0; tw0 < t.tiles_w; tw0 += kTiles) {
    const __mmask16 tiles = lanes(std::min(kTiles, t.tiles_w - tw0));
    for (int64_t th = 0; th < t.tiles_h; ++th) {
      __m512 d[A][A];  // d[i][j]: row i, column j of every tile's patch
      for (int i = 0; i < A; ++i) {
        const int64_t r = 2 * th - P + i;
        if (r < 0 || r >= t.height) {
          for (int j = 0; j < A; ++j) d[i][j] = _mm512_setzero_ps();
          continue;
        }
        const Span s = load_span(x + r * t.width, t.width, 2 * tw0 - P);
#pragma GCC unroll 6
        for (int j = 0; j < A; ++j) d[i][j] = columns(s, j);
      }
      __m512 rows[A][A];  // B^T d: rows[k][j] = sum over i of bt[k][i] d[i][j]
#pragma GCC unroll 6
      for (int k = 0; k < A; ++k) {
#pragma GCC unroll 6
        for (int j = 0; j < A; ++j) {
          __m512 column[A];
          for (int i = 0; i < A; ++i) column[i] = d[i][j];
          rows[k][j] = combine(M.bt[k], column);
        }
      }
      float* out = v + th * t.tiles_w + tw0;
#pragma GCC unroll 6
      for (int k = 0; k < A; ++k) {  // ... times B: sum over j of bt[l][j] rows[k][j]
#pragma GCC unroll 6
        for (int l = 0; l < A; ++l) {
          _mm512_mask_storeu_ps(out + (k * A + l) * stride, tiles,
                                combine(M.bt[l], rows[k]));
        }
      }
    }
  }
}

template <int R>
void output_plane_vector(const float* m, float bias, float* y, int64_t stride,
                         const WinogradTiles& t) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1;
  const __m512 b = _mm512_set1_ps(bias);
  for (int64_t tw0 = 0; tw0 < t.tiles_w; tw0 += 16) {
    const __mmask16 tiles = lanes(std::min<int64_t>(16, t.tiles_w - tw0));
    const int64_t width = std::min<int64_t>(32, t.width - 2 * tw0);
    for (int64_t th = 0; th < t.tiles_h; ++th) {
      const float* in = m + th * t.tiles_w + tw0;
      __m512 rows[2][A];  // A^T m: rows[p][j] = sum over i of at[p][i] m[i][j]
#pragma GCC unroll 6
      for (int j = 0; j < A; ++j) {
        __m512 column[A];
        for (int i = 0; i < A; ++i) {
          column[i] = _mm512_maskz_loadu_ps(tiles, in + (i * A + j) * stride);
        }
        rows[0][j] = combine(M.at[0], column);
        rows[1][j] = combine(M.at[1], column);
      }
      for (int p = 0; p < 2 && 2 * th + p < t.height; ++p) {  // ... times A
        const __m512 left = _mm512_add_ps(combine(M.at[0], rows[p]), b);
        const __m512 right = _mm512_add_ps(combine(M.at[1], rows[p]), b);
        store_interleaved(y + (2 * th + p) * t.width + 2 * tw0, width, left, right);
      }
    }
  }
}

template <int R>
void output_grad_plane_vector(const float* gy, float* m, int64_t stride,
                              const WinogradTiles& t) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1;
  for (int64_t tw0 = 0; tw0 < t.tiles_w; tw0 += 16) {
    const __mmask16 tiles = lanes(std::min<int64_t>(16, t.tiles_w - tw0));
    for (int64_t th = 0; th < t.tiles_h; ++th) {
      __m512 z[2][2];  // z[p][s]: row 2th + p, column 2tw + s of each tile of gy
      for (int p = 0; p < 2; ++p) {
        if (2 * th + p < t.height) {
          const Span s = load_span(gy + (2 * th + p) * t.width, t.width, 2 * tw0);
          z[p][0] = columns(s, 0);
          z[p][1] = columns(s, 1);
        } else {
          z[p][0] = z[p][1] = _mm512_setzero_ps();
        }
      }
      // A z: az[i][s] = sum over p of at[p][i] z[p][s]; then times A^T.
      __m512 az[A][2];
#pragma GCC unroll 6
      for (int i = 0; i < A; ++i) {
        const float c[2] = {M.at[0][i], M.at[1][i]};
        for (int s = 0; s < 2; ++s) {
          const __m512 zs[2] = {z[0][s], z[1][s]};
          az[i][s] = combine(c, zs);
        }
      }
      float* out = m + th * t.tiles_w + tw0;
#pragma GCC unroll 6
      for (int i = 0; i < A; ++i) {
#pragma GCC unroll 6
        for (int j = 0; j < A; ++j) {
          const float c[2] = {M.at[0][j], M.at[1][j]};
          _mm512_mask_storeu_ps(out + (i * A + j) * stride, tiles, combine(c, az[i]));
        }
      }
    }
  }
}

template void input_plane_vector<3>(const float*, float*, int64_t, const WinogradTiles&);
template void input_plane_vector<5>(const float*, float*, int64_t, const WinogradTiles&);
template void output_plane_vector<3>(const float*, float, float*, int64_t,
                                     const WinogradTiles&);
template void output_plane_vector<5>(const float*, float, float*, int64_t,
                                     const WinogradTiles&);
template void output_grad_plane_vector<3>(const float*, float*, int64_t,
                                          const WinogradTiles&);
template void output_grad_plane_vector<5>(const float*, float*, int64_t,
                                          const WinogradTiles&);

}  // namespace d2l::kernels::winograd

#endif  // __AVX512F__
