// Winograd's F(2x2, 3x3) transforms on the host (Lavin and Gray, "Fast
// Algorithms for Convolutional Neural Networks", 2015). A 3x3 convolution with
// stride 1 and padding 1 is computed on 2x2 tiles of its output: each tile's
// 4x4 input patch d and each 3x3 kernel g are transformed, multiplied
// elementwise (16 products where a direct 2x2 tile needs 36) and transformed
// back:
//   Y = A^T [(G g G^T) . (B^T d B)] A
// The elementwise products, summed over channels, are 16 matrix products, one
// per position of the 4x4 tile; the GEMM does those. Here are the transforms.
// Each works on whole rows of tiles so that the compiler vectorizes across
// the tiles of a row.
#ifdef __AVX512F__
#include <immintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/parallel.hpp"
#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

namespace d2l::kernels {

namespace {

// Scratch rows of one thread, reused from call to call.
float* scratch_rows(int64_t floats) {
  thread_local std::vector<float> buffer;
  if (int64_t(buffer.size()) < floats) buffer.resize(size_t(floats));
  return buffer.data();
}

// B^T d B for every tile of one (H, W) plane; tile (th, tw) covers input rows
// 2th-1 .. 2th+2 and columns 2tw-1 .. 2tw+2 (zeros outside the plane). Its 16
// values go to v[xi * stride + th * TW + tw].
void input_plane_rows(const float* x, float* v, int64_t stride, const WinogradTiles& t) {
  const int64_t len = 2 * t.tiles_w + 2;  // one padded input row
  float* rows = scratch_rows(8 * len);
  float* padded[4] = {rows, rows + len, rows + 2 * len, rows + 3 * len};
  float* mixed = rows + 4 * len;  // the four rows of B^T d, one after another
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    for (int i = 0; i < 4; ++i) {
      float* p = padded[i];
      const int64_t r = 2 * th - 1 + i;
      std::fill(p, p + len, 0.0f);
      if (r >= 0 && r < t.height)
        std::memcpy(p + 1, x + r * t.width, t.width * sizeof(float));
    }
    // B^T d: the rows d0 - d2, d1 + d2, d2 - d1, d1 - d3, whole rows at a time.
    float* __restrict m0 = mixed;
    float* __restrict m1 = mixed + len;
    float* __restrict m2 = mixed + 2 * len;
    float* __restrict m3 = mixed + 3 * len;
    const float* __restrict d0 = padded[0], * __restrict d1 = padded[1];
    const float* __restrict d2 = padded[2], * __restrict d3 = padded[3];
    for (int64_t u = 0; u < len; ++u) {
      m0[u] = d0[u] - d2[u];
      m1[u] = d1[u] + d2[u];
      m2[u] = d2[u] - d1[u];
      m3[u] = d1[u] - d3[u];
    }
    // ... times B: the same combination of the columns 2tw .. 2tw+3 of each row.
    for (int k = 0; k < 4; ++k) {
      const float* __restrict m = mixed + k * len;
      float* __restrict o0 = v + (4 * k + 0) * stride + th * t.tiles_w;
      float* __restrict o1 = v + (4 * k + 1) * stride + th * t.tiles_w;
      float* __restrict o2 = v + (4 * k + 2) * stride + th * t.tiles_w;
      float* __restrict o3 = v + (4 * k + 3) * stride + th * t.tiles_w;
      for (int64_t tw = 0; tw < t.tiles_w; ++tw) {
        const float a = m[2 * tw], b = m[2 * tw + 1], c = m[2 * tw + 2],
                    d = m[2 * tw + 3];
        o0[tw] = a - c;
        o1[tw] = b + c;
        o2[tw] = c - b;
        o3[tw] = b - d;
      }
    }
  }
}

// A^T m A for every tile of one output plane, plus `bias`: the 16 values of
// tile (th, tw) at m[xi * stride + th * TW + tw] become output rows 2th, 2th+1
// and columns 2tw, 2tw+1 (those inside the plane).
void output_plane_rows(const float* m, float bias, float* y, int64_t stride,
                       const WinogradTiles& t) {
  const int64_t tw_count = t.tiles_w;
  float* rows = scratch_rows(10 * tw_count);
  float* sums[4];   // A^T m, row 0: m0j + m1j + m2j
  float* diffs[4];  // row 1: m1j - m2j - m3j
  for (int j = 0; j < 4; ++j) {
    sums[j] = rows + j * tw_count;
    diffs[j] = rows + (4 + j) * tw_count;
  }
  float* __restrict out_row = rows + 8 * tw_count;  // two output rows of 2 TW
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    const int64_t at = th * tw_count;
    for (int j = 0; j < 4; ++j) {
      const float* __restrict a = m + (0 + j) * stride + at;
      const float* __restrict b = m + (4 + j) * stride + at;
      const float* __restrict c = m + (8 + j) * stride + at;
      const float* __restrict d = m + (12 + j) * stride + at;
      float* __restrict s = sums[j];
      float* __restrict e = diffs[j];
      for (int64_t tw = 0; tw < tw_count; ++tw) {
        s[tw] = a[tw] + b[tw] + c[tw];
        e[tw] = b[tw] - c[tw] - d[tw];
      }
    }
    // ... times A, columns 0 and 1 of the tile, for each of the two rows.
    for (int r = 0; r < 2; ++r) {
      const int64_t row = 2 * th + r;
      if (row >= t.height) break;
      float* const* q = r == 0 ? sums : diffs;
      const float* __restrict q0 = q[0], * __restrict q1 = q[1];
      const float* __restrict q2 = q[2], * __restrict q3 = q[3];
      for (int64_t tw = 0; tw < tw_count; ++tw) {
        out_row[2 * tw] = q0[tw] + q1[tw] + q2[tw] + bias;
        out_row[2 * tw + 1] = q1[tw] - q2[tw] - q3[tw] + bias;
      }
      std::memcpy(y + row * t.width, out_row, t.width * sizeof(float));
    }
  }
}

// The adjoint of output_plane_rows, for the weight gradient: each 2x2 tile
// z of gy (zeros outside the plane) becomes A z A^T at m[xi * stride + th * TW
// + tw]. A z has the rows z0, z0 + z1, z0 - z1, -z1; each row (a, b) then
// becomes a, a + b, a - b, -b.
void output_grad_plane_rows(const float* gy, float* m, int64_t stride,
                            const WinogradTiles& t) {
  const int64_t len = 2 * t.tiles_w;
  float* rows = scratch_rows(2 * len);
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    for (int r = 0; r < 2; ++r) {
      float* z = rows + r * len;
      std::fill(z, z + len, 0.0f);
      if (2 * th + r < t.height) {
        std::memcpy(z, gy + (2 * th + r) * t.width, t.width * sizeof(float));
      }
    }
    const float *z0 = rows, *z1 = rows + len;
    float* out = m + th * t.tiles_w;
    for (int64_t tw = 0; tw < t.tiles_w; ++tw) {
      const float a[4] = {z0[2 * tw], z0[2 * tw] + z1[2 * tw], z0[2 * tw] - z1[2 * tw],
                          -z1[2 * tw]};
      const float b[4] = {z0[2 * tw + 1], z0[2 * tw + 1] + z1[2 * tw + 1],
                          z0[2 * tw + 1] - z1[2 * tw + 1], -z1[2 * tw + 1]};
      for (int i = 0; i < 4; ++i) {
        out[(4 * i + 0) * stride + tw] = a[i];
        out[(4 * i + 1) * stride + tw] = a[i] + b[i];
        out[(4 * i + 2) * stride + tw] = a[i] - b[i];
        out[(4 * i + 3) * stride + tw] = -b[i];
      }
    }
  }
}

#ifdef __AVX512F__
// Planes up to kMaxVectorWidth wide have at most 15 tiles per row: one tile
// row is one register, each lane one tile, and a row of the plane is read in
// two masked loads. (These are ResNet's and AlexNet's 3x3 layers; wider
// planes take the row-buffer code above.)
constexpr int64_t kMaxVectorWidth = 30;

__mmask16 lanes(int64_t count) {
  return count >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << count) - 1);
}

// Columns 2tw, 2tw+1, 2tw+2, 2tw+3 of input row `row` padded by one zero on
// the left, as registers whose lane tw belongs to tile tw: x[2tw-1], x[2tw],
// x[2tw+1], x[2tw+2] (zeros outside the row).
struct TileColumns {
  __m512 c0, c1, c2, c3;
};
// A row of at most 32 floats as two registers, zeros past `width`.
struct Row {
  __m512 lo, hi;
};
Row load_row(const float* row, int64_t width) {
  return {_mm512_maskz_loadu_ps(lanes(width), row),
          _mm512_maskz_loadu_ps(lanes(width - 16 > 0 ? width - 16 : 0), row + 16)};
}

TileColumns tile_columns(const float* row, int64_t width) {
  const auto [lo, hi] = load_row(row, width);
  const __m512i odd = _mm512_setr_epi32(31, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25,
                                        27, 29);  // lane 0: the padding
  const __m512i even =
      _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd_next =
      _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  const __m512i even_next = _mm512_setr_epi32(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24,
                                              26, 28, 30, 0);  // lane 15: unused
  return {_mm512_maskz_permutex2var_ps(0xFFFE, lo, odd, hi),
          _mm512_permutex2var_ps(lo, even, hi), _mm512_permutex2var_ps(lo, odd_next, hi),
          _mm512_permutex2var_ps(lo, even_next, hi)};
}

// B^T d for one column of the 4x4 patches: the rows d0 - d2, d1 + d2, d2 - d1
// and d1 - d3.
void rows_of_bt_d(const TileColumns (&d)[4], __m512 TileColumns::*column, __m512* out) {
  const __m512 d0 = d[0].*column, d1 = d[1].*column;
  const __m512 d2 = d[2].*column, d3 = d[3].*column;
  out[0] = _mm512_sub_ps(d0, d2);
  out[1] = _mm512_add_ps(d1, d2);
  out[2] = _mm512_sub_ps(d2, d1);
  out[3] = _mm512_sub_ps(d1, d3);
}

void input_plane_vector(const float* x, float* v, int64_t stride,
                        const WinogradTiles& t) {
  const __mmask16 tiles = lanes(t.tiles_w);
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    TileColumns d[4];
    for (int i = 0; i < 4; ++i) {
      const int64_t r = 2 * th - 1 + i;
      if (r >= 0 && r < t.height) {
        d[i] = tile_columns(x + r * t.width, t.width);
      } else {
        d[i] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(),
                _mm512_setzero_ps()};
      }
    }
    // B^T d on each of the four columns, then times B along the row.
    __m512 a[4], b[4], c[4], e[4];
    rows_of_bt_d(d, &TileColumns::c0, a);
    rows_of_bt_d(d, &TileColumns::c1, b);
    rows_of_bt_d(d, &TileColumns::c2, c);
    rows_of_bt_d(d, &TileColumns::c3, e);
    float* out = v + th * t.tiles_w;
    for (int k = 0; k < 4; ++k) {
      _mm512_mask_storeu_ps(out + (4 * k + 0) * stride, tiles, _mm512_sub_ps(a[k], c[k]));
      _mm512_mask_storeu_ps(out + (4 * k + 1) * stride, tiles, _mm512_add_ps(b[k], c[k]));
      _mm512_mask_storeu_ps(out + (4 * k + 2) * stride, tiles, _mm512_sub_ps(c[k], b[k]));
      _mm512_mask_storeu_ps(out + (4 * k + 3) * stride, tiles, _mm512_sub_ps(b[k], e[k]));
    }
  }
}

// Stores lanes tw of `left` and `right` as columns 2tw and 2tw+1 of an output row.
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

void output_plane_vector(const float* m, float bias, float* y, int64_t stride,
                         const WinogradTiles& t) {
  const __mmask16 tiles = lanes(t.tiles_w);
  const __m512 b = _mm512_set1_ps(bias);
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    const float* in = m + th * t.tiles_w;
    __m512 s[4], e[4];  // the two rows of A^T m
    for (int j = 0; j < 4; ++j) {
      const __m512 m0 = _mm512_maskz_loadu_ps(tiles, in + (0 + j) * stride);
      const __m512 m1 = _mm512_maskz_loadu_ps(tiles, in + (4 + j) * stride);
      const __m512 m2 = _mm512_maskz_loadu_ps(tiles, in + (8 + j) * stride);
      const __m512 m3 = _mm512_maskz_loadu_ps(tiles, in + (12 + j) * stride);
      s[j] = _mm512_add_ps(_mm512_add_ps(m0, m1), m2);
      e[j] = _mm512_sub_ps(_mm512_sub_ps(m1, m2), m3);
    }
    for (int r = 0; r < 2 && 2 * th + r < t.height; ++r) {
      const __m512* q = r == 0 ? s : e;
      const __m512 left =
          _mm512_add_ps(_mm512_add_ps(q[0], q[1]), _mm512_add_ps(q[2], b));
      const __m512 right =
          _mm512_sub_ps(_mm512_sub_ps(q[1], q[2]), _mm512_sub_ps(q[3], b));
      store_interleaved(y + (2 * th + r) * t.width, t.width, left, right);
    }
  }
}
void output_grad_plane_vector(const float* gy, float* m, int64_t stride,
                              const WinogradTiles& t) {
  const __mmask16 tiles = lanes(t.tiles_w);
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26,
                                         28, 30);
  const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27,
                                        29, 31);
  const __m512 zero = _mm512_setzero_ps();
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    __m512 z[2][2];  // z[r][s]: row 2th + r, column 2tw + s of each tile
    for (int r = 0; r < 2; ++r) {
      if (2 * th + r < t.height) {
        const Row row = load_row(gy + (2 * th + r) * t.width, t.width);
        z[r][0] = _mm512_permutex2var_ps(row.lo, even, row.hi);
        z[r][1] = _mm512_permutex2var_ps(row.lo, odd, row.hi);
      } else {
        z[r][0] = z[r][1] = zero;
      }
    }
    // A z: rows z0, z0 + z1, z0 - z1, -z1, for columns 0 (a) and 1 (b).
    const __m512 a[4] = {z[0][0], _mm512_add_ps(z[0][0], z[1][0]),
                         _mm512_sub_ps(z[0][0], z[1][0]), _mm512_sub_ps(zero, z[1][0])};
    const __m512 b[4] = {z[0][1], _mm512_add_ps(z[0][1], z[1][1]),
                         _mm512_sub_ps(z[0][1], z[1][1]), _mm512_sub_ps(zero, z[1][1])};
    float* out = m + th * t.tiles_w;
    for (int i = 0; i < 4; ++i) {  // ... times A^T: a, a + b, a - b, -b
      _mm512_mask_storeu_ps(out + (4 * i + 0) * stride, tiles, a[i]);
      _mm512_mask_storeu_ps(out + (4 * i + 1) * stride, tiles, _mm512_add_ps(a[i], b[i]));
      _mm512_mask_storeu_ps(out + (4 * i + 2) * stride, tiles, _mm512_sub_ps(a[i], b[i]));
      _mm512_mask_storeu_ps(out + (4 * i + 3) * stride, tiles, _mm512_sub_ps(zero, b[i]));
    }
  }
}
#endif  // __AVX512F__


void input_plane(const float* x, float* v, int64_t stride, const WinogradTiles& t) {
#ifdef __AVX512F__
  if (t.width <= kMaxVectorWidth) return input_plane_vector(x, v, stride, t);
#endif
  input_plane_rows(x, v, stride, t);
}

void output_plane(const float* m, float bias, float* y, int64_t stride,
                  const WinogradTiles& t) {
#ifdef __AVX512F__
  if (t.width <= kMaxVectorWidth) return output_plane_vector(m, bias, y, stride, t);
#endif
  output_plane_rows(m, bias, y, stride, t);
}

void output_grad_plane(const float* gy, float* m, int64_t stride,
                       const WinogradTiles& t) {
#ifdef __AVX512F__
  if (t.width <= kMaxVectorWidth) return output_grad_plane_vector(gy, m, stride, t);
#endif
  output_grad_plane_rows(gy, m, stride, t);
}

// G = [1 0 0; .5 .5 .5; .5 -.5 .5; 0 0 1]: entry (4i + j) of G g G^T is the
// sum over taps (p, q) of G[i][p] G[j][q] g[p][q].
constexpr float kG[4][3] = {
    {1, 0, 0}, {0.5f, 0.5f, 0.5f}, {0.5f, -0.5f, 0.5f}, {0, 0, 1}};

// coef[4i + j][3p + q] = G[i][p] G[j][q]: how much tap (p, q) of a kernel
// adds to entry (i, j) of G g G^T. With `adjoint`, of the kernel rotated by
// 180 degrees (tap (p, q) of the rotated kernel is (2 - p, 2 - q)).
void tap_coefficients(bool adjoint, float (&coef)[16][9]) {
  for (int xi = 0; xi < 16; ++xi) {
    const int i = xi / 4, j = xi % 4;
    for (int p = 0; p < 3; ++p) {
      for (int q = 0; q < 3; ++q) {
        coef[xi][3 * p + q] = adjoint ? kG[i][2 - p] * kG[j][2 - q] : kG[i][p] * kG[j][q];
      }
    }
  }
}

// Kernels are transformed in blocks small enough for L1.
constexpr int64_t kKernelBlock = 256;

}  // namespace

WinogradTiles winograd_tiles(int64_t height, int64_t width) {
  return {height, width, (height + 1) / 2, (width + 1) / 2};
}

void winograd_input(Device d, const float* x, float* v, int64_t n, int64_t c,
                    const WinogradTiles& t) {
  require_host(d, "winograd_input");
  const int64_t per_image = t.tiles_h * t.tiles_w, stride = c * n * per_image;
  detail::parallel_for(n * c, [&](int64_t task) {
    const int64_t b = task / c, ci = task % c;
    input_plane(x + task * t.height * t.width, v + (ci * n + b) * per_image, stride, t);
  });
}

void winograd_output(Device d, const float* m, const float* bias, float* y, int64_t n,
                     int64_t f, const WinogradTiles& t) {
  require_host(d, "winograd_output");
  const int64_t per_image = t.tiles_h * t.tiles_w, stride = f * n * per_image;
  detail::parallel_for(n * f, [&](int64_t task) {
    const int64_t b = task / f, fi = task % f;
    output_plane(m + (fi * n + b) * per_image, bias ? bias[fi] : 0.0f,
                 y + task * t.height * t.width, stride, t);
  });
}

void winograd_weights(Device d, const float* w, float* u, int64_t f, int64_t c,
                      bool adjoint) {
  require_host(d, "winograd_weights");
  const int64_t count = f * c;
  float coef[16][9];
  tap_coefficients(adjoint, coef);
  // Blocks of kernels, copied tap-major (each tap a contiguous row) so that
  // each of the 16 outputs is one vectorized loop over the block. Kernel k of
  // u is (f, c) = (k / C, k % C), or (k % F, k / F) for the adjoint.
  detail::parallel_for((count + kKernelBlock - 1) / kKernelBlock, [&](int64_t block) {
    const int64_t k0 = block * kKernelBlock, size = std::min(count - k0, kKernelBlock);
    alignas(64) float g[9][kKernelBlock];
    for (int64_t k = 0; k < size; ++k) {
      const int64_t at = adjoint ? (k0 + k) % f * c + (k0 + k) / f : k0 + k;
      for (int e = 0; e < 9; ++e) g[e][k] = w[at * 9 + e];
    }
    for (int xi = 0; xi < 16; ++xi) {
      float* __restrict out = u + xi * count + k0;
      for (int64_t k = 0; k < size; ++k) {
        float sum = 0.0f;
#pragma GCC unroll 9
        for (int e = 0; e < 9; ++e) sum += coef[xi][e] * g[e][k];
        out[k] = sum;
      }
    }
  });
}

void winograd_output_grad(Device d, const float* gy, float* m, int64_t n, int64_t f,
                          const WinogradTiles& t) {
  require_host(d, "winograd_output_grad");
  const int64_t per_image = t.tiles_h * t.tiles_w, stride = f * n * per_image;
  detail::parallel_for(n * f, [&](int64_t task) {
    const int64_t b = task / f, fi = task % f;
    output_grad_plane(gy + task * t.height * t.width, m + (fi * n + b) * per_image,
                      stride, t);
  });
}

void winograd_weights_grad(Device d, const float* du, float* dw, int64_t f, int64_t c) {
  require_host(d, "winograd_weights_grad");
  const int64_t count = f * c;
  float coef[16][9];
  tap_coefficients(false, coef);
  // The adjoint of winograd_weights: tap e of kernel k gets the sum over xi
  // of coef[xi][e] du[xi][k].
  detail::parallel_for((count + kKernelBlock - 1) / kKernelBlock, [&](int64_t block) {
    const int64_t k0 = block * kKernelBlock, size = std::min(count - k0, kKernelBlock);
    alignas(64) float g[9][kKernelBlock] = {};
    for (int xi = 0; xi < 16; ++xi) {
      const float* __restrict in = du + xi * count + k0;
      for (int e = 0; e < 9; ++e) {
        const float a = coef[xi][e];
        if (a == 0.0f) continue;
        float* __restrict tap = g[e];
        for (int64_t k = 0; k < size; ++k) tap[k] += a * in[k];
      }
    }
    for (int64_t k = 0; k < size; ++k) {
      for (int e = 0; e < 9; ++e) dw[(k0 + k) * 9 + e] = g[e][k];
    }
  });
}

}  // namespace d2l::kernels
