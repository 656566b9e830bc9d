// Single-precision GEMM with AVX-512, in the style of BLIS: pack panels of A
// and B into contiguous slivers, then run a 12x32 register-blocked kernel.
//
// Why our own: the environment pins OpenBLAS to its AVX2 (Haswell) kernel,
// which reaches half of what this CPU's 512-bit FMA units can do. Elsewhere
// (no AVX-512 at compile time) gemm.cpp keeps using OpenBLAS.
#ifdef __AVX512F__

#include "cpu/sgemm_avx512.hpp"

#include <immintrin.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "core/parallel.hpp"

namespace d2l::kernels::avx512 {

namespace {

constexpr int64_t MR = 12;    // rows of C per kernel call
constexpr int64_t NR = 32;    // columns of C per kernel call (two zmm registers)
constexpr int64_t KC = 256;   // depth of one packed panel: a B sliver fits in L1
constexpr int64_t MC = 144;   // rows of A packed at once (a multiple of MR; L2)
constexpr int64_t NC = 3072;  // columns of B packed at once (L3)
// Products of fewer multiply-adds than this run on the calling thread alone.
constexpr int64_t kParallelWork = int64_t(8) << 20;

// The depth of the packed panels for a product of depth k: at most KC, and
// split evenly (k = 513 is three panels of 171, not 256 + 256 + 1: a thin last
// panel costs a full pass over C for almost no arithmetic).
int64_t panel_depth(int64_t k) {
  const int64_t panels = std::max<int64_t>((k + KC - 1) / KC, 1);
  return (k + panels - 1) / panels;
}

// A (i, k) at a[i * rs + k * cs]; any layout, transposed or not.
struct Matrix {
  const float* p;
  int64_t rs, cs;
  float at(int64_t i, int64_t j) const { return p[i * rs + j * cs]; }
};

// Transposes the 16 x 16 block held in r (r[i] is row i): four rounds of
// shuffles that swap ever larger sub-blocks (1, 2, 4 and 8 floats wide).
inline void transpose_in_registers(__m512 (&r)[16]) {
  // The masked forms with every lane set: GCC 12's unmasked ones trip
  // -Wuninitialized inside its own header.
  constexpr __mmask16 kAll = 0xFFFF;
  constexpr __mmask8 kAll8 = 0xFF;
  __m512 t[16];
#pragma GCC unroll 8
  for (int i = 0; i < 16; i += 2) {  // pairs of rows: interleave single floats
    t[i] = _mm512_maskz_unpacklo_ps(kAll, r[i], r[i + 1]);
    t[i + 1] = _mm512_maskz_unpackhi_ps(kAll, r[i], r[i + 1]);
  }
#pragma GCC unroll 4
  for (int i = 0; i < 16; i += 4) {  // pairs of pairs: interleave float pairs
    const __m512d a = _mm512_castps_pd(t[i]), b = _mm512_castps_pd(t[i + 1]);
    const __m512d c = _mm512_castps_pd(t[i + 2]), d = _mm512_castps_pd(t[i + 3]);
    r[i] = _mm512_castpd_ps(_mm512_maskz_unpacklo_pd(kAll8, a, c));
    r[i + 1] = _mm512_castpd_ps(_mm512_maskz_unpackhi_pd(kAll8, a, c));
    r[i + 2] = _mm512_castpd_ps(_mm512_maskz_unpacklo_pd(kAll8, b, d));
    r[i + 3] = _mm512_castpd_ps(_mm512_maskz_unpackhi_pd(kAll8, b, d));
  }
  // Rows i and i + 4 of each group of 8: gather 128-bit lanes 0, 2 and 1, 3.
#pragma GCC unroll 2
  for (int g = 0; g < 16; g += 8) {
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
      t[g + i] = _mm512_maskz_shuffle_f32x4(kAll, r[g + i], r[g + i + 4], 0x88);
      t[g + i + 4] = _mm512_maskz_shuffle_f32x4(kAll, r[g + i], r[g + i + 4], 0xdd);
    }
  }
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {  // the two groups of 8: lanes 0, 2 and 1, 3 again
    r[i] = _mm512_maskz_shuffle_f32x4(kAll, t[i], t[i + 8], 0x88);
    r[i + 8] = _mm512_maskz_shuffle_f32x4(kAll, t[i], t[i + 8], 0xdd);
  }
}

// dst[j * ld_dst + i] = src[i * ld_src + j] for a 16 x 16 block.
inline void transpose_16x16(const float* src, int64_t ld_src, float* dst,
                            int64_t ld_dst) {
  __m512 r[16];
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) r[i] = _mm512_loadu_ps(src + i * ld_src);
  transpose_in_registers(r);
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) _mm512_storeu_ps(dst + i * ld_dst, r[i]);
}

// Packs rows [i0, i0 + mc) x depth [k0, k0 + kc) of A into MR-row slivers:
// for each sliver, for each k, MR consecutive values (zero-padded rows).
void pack_a(const Matrix& A, int64_t i0, int64_t mc, int64_t k0, int64_t kc, float* out) {
  constexpr __mmask16 kSliver = (1u << MR) - 1;  // the MR floats stored per k
  for (int64_t ir = 0; ir < mc; ir += MR) {
    const int64_t rows = std::min(MR, mc - ir);
    const __mmask16 row_mask = __mmask16((1u << rows) - 1);
    const float* a = A.p + (i0 + ir) * A.rs + k0 * A.cs;
    if (A.cs == 1) {  // rows of A contiguous: 16 steps of k at a time, transposed
      for (int64_t k = 0; k < kc; k += 16) {
        const int64_t steps = std::min<int64_t>(16, kc - k);
        const __mmask16 k_mask = __mmask16((1u << steps) - 1);
        __m512 r[16];
#pragma GCC unroll 16
        for (int i = 0; i < 16; ++i) {
          r[i] = i < rows ? _mm512_maskz_loadu_ps(k_mask, a + i * A.rs + k)
                          : _mm512_setzero_ps();
        }
        transpose_in_registers(r);  // r[j]: the rows' values at step k + j
        for (int64_t j = 0; j < steps; ++j) {
          _mm512_mask_storeu_ps(out + (k + j) * MR, kSliver, r[j]);
        }
      }
    } else if (A.rs == 1) {  // A transposed: the MR values of each k are adjacent
      for (int64_t k = 0; k < kc; ++k) {
        _mm512_mask_storeu_ps(out + k * MR, kSliver,
                              _mm512_maskz_loadu_ps(row_mask, a + k * A.cs));
      }
    } else {
      for (int64_t k = 0; k < kc; ++k) {
        float* o = out + k * MR;
        for (int64_t r = 0; r < rows; ++r) o[r] = a[r * A.rs + k * A.cs];
        for (int64_t r = rows; r < MR; ++r) o[r] = 0.0f;
      }
    }
    out += kc * MR;
  }
}

// Packs one NR-column sliver of B: for each k, NR consecutive values.
void pack_b_sliver(const Matrix& B, int64_t k0, int64_t kc, int64_t j0, int64_t cols,
                   float* out) {
  if (B.cs == 1 && cols == NR) {  // row-major B: copy 32 floats per k
    for (int64_t k = 0; k < kc; ++k) {
      std::memcpy(out + k * NR, B.p + (k0 + k) * B.rs + j0, NR * sizeof(float));
    }
    return;
  }
  if (B.rs == 1) {  // columns of B are contiguous (B transposed): read along k
    // 16 columns x 16 steps of k at a time through registers (a transpose);
    // the rest (a last block of k, fewer than 16 columns) one value at a time.
    const int64_t k_blocks = kc / 16 * 16;
    int64_t c = 0;
    for (; c + 16 <= cols; c += 16) {
      const float* src = B.p + (j0 + c) * B.cs + k0;
      for (int64_t k = 0; k < k_blocks; k += 16) {
        transpose_16x16(src + k, B.cs, out + k * NR + c, NR);
      }
      for (int64_t k = k_blocks; k < kc; ++k) {
        for (int64_t t = 0; t < 16; ++t) out[k * NR + c + t] = src[t * B.cs + k];
      }
    }
    for (; c < cols; ++c) {
      const float* src = B.p + (j0 + c) * B.cs + k0;
      for (int64_t k = 0; k < kc; ++k) out[k * NR + c] = src[k];
    }
    for (c = cols; c < NR; ++c) {
      for (int64_t k = 0; k < kc; ++k) out[k * NR + c] = 0.0f;
    }
    return;
  }
  for (int64_t k = 0; k < kc; ++k) {
    for (int64_t c = 0; c < cols; ++c) out[k * NR + c] = B.at(k0 + k, j0 + c);
    for (int64_t c = cols; c < NR; ++c) out[k * NR + c] = 0.0f;
  }
}

// Where a kernel call's MR x NR result goes: straight into C when the tile is
// whole and C's rows are contiguous, otherwise into `tile` for store().
struct Output {
  bool full;
  float* c;
  int64_t rsc;
  float alpha, beta;
  float* tile;
};

// C tile (MR x NR) = the product of one A sliver and one B sliver over kc.
// The 24 accumulators stay in registers for the whole loop.
// B's rows are `ldb` apart: NR in a packed sliver, or B's own row stride when
// the kernel reads row-major B in place; `cols` < NR masks the loads.
inline void kernel(int64_t kc, const float* a, const float* b, int64_t ldb, int64_t cols,
                   const Output& out) {
  const __mmask16 m0 = cols >= 16 ? 0xFFFF : __mmask16((1u << cols) - 1);
  const __mmask16 m1 = cols >= NR   ? 0xFFFF
                       : cols <= 16 ? 0
                                    : __mmask16((1u << (cols - 16)) - 1);
  __m512 c[MR][2];
#pragma GCC unroll 12
  for (int r = 0; r < MR; ++r) c[r][0] = c[r][1] = _mm512_setzero_ps();
  for (int64_t k = 0; k < kc; ++k) {
    const __m512 b0 = _mm512_maskz_loadu_ps(m0, b);
    const __m512 b1 = _mm512_maskz_loadu_ps(m1, b + 16);
#pragma GCC unroll 12
    for (int r = 0; r < MR; ++r) {
      const __m512 ar = _mm512_set1_ps(a[r]);
      c[r][0] = _mm512_fmadd_ps(ar, b0, c[r][0]);
      c[r][1] = _mm512_fmadd_ps(ar, b1, c[r][1]);
    }
    a += MR;
    b += ldb;
  }
  if (out.full) {  // a whole tile of row-major C: update it in registers
    const __m512 alpha = _mm512_set1_ps(out.alpha), beta = _mm512_set1_ps(out.beta);
#pragma GCC unroll 12
    for (int r = 0; r < MR; ++r) {
      float* cr = out.c + r * out.rsc;
      __m512 v0 = _mm512_mul_ps(alpha, c[r][0]), v1 = _mm512_mul_ps(alpha, c[r][1]);
      if (out.beta != 0.0f) {  // beta 0 never reads C (it may be uninitialized)
        v0 = _mm512_fmadd_ps(beta, _mm512_loadu_ps(cr), v0);
        v1 = _mm512_fmadd_ps(beta, _mm512_loadu_ps(cr + 16), v1);
      }
      _mm512_storeu_ps(cr, v0);
      _mm512_storeu_ps(cr + 16, v1);
    }
    return;
  }
#pragma GCC unroll 12
  for (int r = 0; r < MR; ++r) {
    _mm512_storeu_ps(out.tile + r * NR, c[r][0]);
    _mm512_storeu_ps(out.tile + r * NR + 16, c[r][1]);
  }
}

// C[rows x cols block] = alpha * tile + beta * C (beta 0 never reads C).
void store(const float* tile, int64_t rows, int64_t cols, float alpha, float beta,
           float* c, int64_t rsc, int64_t csc) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* t = tile + r * NR;
    float* cr = c + r * rsc;
    if (csc == 1) {
      for (int64_t j = 0; j < cols; ++j) {
        cr[j] = beta == 0.0f ? alpha * t[j] : alpha * t[j] + beta * cr[j];
      }
    } else {
      for (int64_t j = 0; j < cols; ++j) {
        float& x = cr[j * csc];
        x = beta == 0.0f ? alpha * t[j] : alpha * t[j] + beta * x;
      }
    }
  }
}

// C = alpha A B + beta C when A has few rows (one MC block) and B is
// row-major: each element of B is used by one block only, so packing it would
// cost as much as the arithmetic; the kernel reads B where it lies instead.
// Work is split across threads by columns of C.
void sgemm_b_in_place(int64_t m, int64_t n, int64_t k, float alpha, const Matrix& A,
                      const Matrix& B, float beta, float* c, int64_t rsc, int64_t csc) {
  thread_local std::vector<float> packed_a;
  packed_a.resize(std::max(packed_a.size(), size_t(MC * KC)));
  const int64_t slivers = (n + NR - 1) / NR;
  constexpr int64_t kSliversPerTask = 4;
  const int64_t kc_step = panel_depth(k);
  for (int64_t pc = 0; pc < k; pc += kc_step) {
    const int64_t kc = std::min(kc_step, k - pc);
    const float beta_now = pc == 0 ? beta : 1.0f;  // later panels accumulate
    pack_a(A, 0, m, pc, kc, packed_a.data());
    const float* pa = packed_a.data();
    const int64_t tasks = (slivers + kSliversPerTask - 1) / kSliversPerTask;
    detail::parallel_for(tasks, [&](int64_t task) {
      alignas(64) float tile[MR * NR];
      const int64_t s_end = std::min(slivers, (task + 1) * kSliversPerTask);
      for (int64_t s = task * kSliversPerTask; s < s_end; ++s) {
        const int64_t j0 = s * NR, cols = std::min(NR, n - j0);
        for (int64_t ir = 0; ir < m; ir += MR) {
          const int64_t rows = std::min(MR, m - ir);
          float* c_tile = c + ir * rsc + j0 * csc;
          const Output out{
              rows == MR && cols == NR && csc == 1, c_tile, rsc, alpha, beta_now, tile};
          kernel(kc, pa + ir * kc, B.p + pc * B.rs + j0, B.rs, cols, out);
          if (!out.full) store(tile, rows, cols, alpha, beta_now, c_tile, rsc, csc);
        }
      }
    });
  }
}

// C = alpha A B + beta C where both operands run along k in memory (A's rows
// and B's columns are contiguous: A B^T with row-major A and B) and k is long
// while C is small, as in a convolution's weight gradient. Each C element is
// a dot product; blocks of k keep the rows of A and B in L1 while 1 x 4
// register tiles reuse each loaded A vector four times.
void sgemm_dots(int64_t m, int64_t n, int64_t k, float alpha, const Matrix& A,
                const Matrix& B, float beta, float* c, int64_t rsc, int64_t csc) {
  constexpr int64_t kBlock = 256, kCols = 4;
  std::vector<float> sums(size_t(m * n), 0.0f);
  for (int64_t k0 = 0; k0 < k; k0 += kBlock) {
    const int64_t kb = std::min(kBlock, k - k0), vec_end = kb / 16 * 16;
    const __mmask16 tail = __mmask16((1u << (kb - vec_end)) - 1);
    for (int64_t i = 0; i < m; ++i) {
      const float* a = A.p + i * A.rs + k0;
      for (int64_t j0 = 0; j0 < n; j0 += kCols) {
        const int64_t cols = std::min(kCols, n - j0);
        const float* b[kCols];
        for (int64_t t = 0; t < kCols; ++t)
          b[t] = B.p + (j0 + std::min(t, cols - 1)) * B.cs + k0;
        __m512 acc[kCols] = {_mm512_setzero_ps(), _mm512_setzero_ps(),
                             _mm512_setzero_ps(), _mm512_setzero_ps()};
        for (int64_t p = 0; p < vec_end; p += 16) {
          const __m512 av = _mm512_loadu_ps(a + p);
#pragma GCC unroll 4
          for (int64_t t = 0; t < kCols; ++t) {
            acc[t] = _mm512_fmadd_ps(av, _mm512_loadu_ps(b[t] + p), acc[t]);
          }
        }
        if (tail) {
          const __m512 av = _mm512_maskz_loadu_ps(tail, a + vec_end);
#pragma GCC unroll 4
          for (int64_t t = 0; t < kCols; ++t) {
            acc[t] =
                _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(tail, b[t] + vec_end), acc[t]);
          }
        }
        for (int64_t t = 0; t < cols; ++t) {
          // Summing the lanes by hand: GCC 12's _mm512_reduce_add_ps trips
          // -Wmaybe-uninitialized inside its own header.
          alignas(64) float lanes[16];
          _mm512_store_ps(lanes, acc[t]);
          float total = 0.0f;
          for (float v : lanes) total += v;
          sums[size_t(i * n + j0 + t)] += total;
        }
      }
    }
  }
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      float& x = c[i * rsc + j * csc];
      const float v = alpha * sums[size_t(i * n + j)];
      x = beta == 0.0f ? v : v + beta * x;
    }
  }
}

// Rows of A per block of the general path: at most MC, whole MR slivers, in
// as many blocks as there are threads (when there are enough rows) and in
// multiples of the thread count, of nearly equal size. 256 rows on 2 threads
// were 144 + 112, which left one thread idle for a tenth of the product.
int64_t row_block(int64_t m) {
  const int64_t slivers = (m + MR - 1) / MR, threads = detail::available_threads();
  int64_t blocks = std::max((m + MC - 1) / MC, std::min(threads, slivers));
  if (blocks % threads != 0)
    blocks = std::min(slivers, (blocks + threads - 1) / threads * threads);
  return (slivers + blocks - 1) / blocks * MR;  // <= MC: blocks >= m / MC
}

}  // namespace

void sgemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t rsa,
           int64_t csa, const float* b, int64_t rsb, int64_t csb, float beta, float* c,
           int64_t rsc, int64_t csc) {
  // The kernel pads columns to NR = 32: when C has few columns and many rows,
  // compute the transpose instead (C^T = B^T A^T), which pads far less.
  if (n < NR && m > n) {
    std::swap(m, n);
    std::swap(a, b);
    std::swap(rsa, csb);
    std::swap(csa, rsb);
    std::swap(rsc, csc);
  }
  const Matrix A{a, rsa, csa}, B{b, rsb, csb};
  // The softmax regression's 256 x 784 x 10 takes about 40 microseconds on
  // one core, less than a second thread costs to share it.
  std::optional<detail::OnThisThread> serial;
  if (m * n * k < kParallelWork) serial.emplace();
  if (A.cs == 1 && B.rs == 1 && m * n <= 1024 && k >= 1024) {
    return sgemm_dots(m, n, k, alpha, A, B, beta, c, rsc, csc);
  }
  if (A.cs == 1 && B.rs == 1 && m <= 16 && k >= 64) {
    return sgemm_dot_tiles(m, n, k, alpha, a, A.rs, b, B.cs, beta, c, rsc, csc);
  }
  if (B.cs == 1 && m <= MC)
    return sgemm_b_in_place(m, n, k, alpha, A, B, beta, c, rsc, csc);
  const int64_t nc_max = std::min(NC, (n + NR - 1) / NR * NR);
  // Reused across calls: a fresh multi-megabyte buffer per call would cost
  // page faults on every GEMM.
  thread_local std::vector<float> packed_b_buffer;
  packed_b_buffer.resize(std::max(packed_b_buffer.size(), size_t(KC * nc_max)));
  float* packed_b = packed_b_buffer.data();

  for (int64_t jc = 0; jc < n; jc += NC) {
    const int64_t nc = std::min(NC, n - jc);
    const int64_t slivers = (nc + NR - 1) / NR;
    const int64_t kc_step = panel_depth(k);
    for (int64_t pc = 0; pc < k; pc += kc_step) {
      const int64_t kc = std::min(kc_step, k - pc);
      const float beta_now = pc == 0 ? beta : 1.0f;  // later panels accumulate
      detail::parallel_for(slivers, [&](int64_t s) {
        const int64_t j0 = s * NR;
        pack_b_sliver(B, pc, kc, jc + j0, std::min(NR, nc - j0), &packed_b[s * kc * NR]);
      });
      const int64_t mc_step = row_block(m), blocks = (m + mc_step - 1) / mc_step;
      detail::parallel_for(blocks, [&](int64_t blk) {
        const int64_t ic = blk * mc_step, mc = std::min(mc_step, m - ic);
        thread_local std::vector<float> packed_a;
        packed_a.resize(size_t(MC * KC));
        alignas(64) float tile[MR * NR];
        pack_a(A, ic, mc, pc, kc, packed_a.data());
        for (int64_t s = 0; s < slivers; ++s) {
          const int64_t j0 = s * NR, cols = std::min(NR, nc - j0);
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int64_t rows = std::min(MR, mc - ir);
            float* c_tile = c + (ic + ir) * rsc + (jc + j0) * csc;
            const Output out{
                rows == MR && cols == NR && csc == 1, c_tile, rsc, alpha, beta_now, tile};
            kernel(kc, &packed_a[ir * kc], &packed_b[s * kc * NR], NR, NR, out);
            if (!out.full) store(tile, rows, cols, alpha, beta_now, c_tile, rsc, csc);
          }
        }
      });
    }
  }
}

}  // namespace d2l::kernels::avx512

#endif  // __AVX512F__
