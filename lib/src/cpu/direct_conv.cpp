// Direct convolution of layers with few channels (LeNet's), on "wide" rows.
//
// Why: for such layers im2col + GEMM is mostly data movement. LeNet's first
// layer has 25 taps and 6 filters, so its GEMM has 6 rows (half of the 12-row
// register tile) and a depth of 25, and im2col writes 25 floats per pixel
// that the GEMM then reads once. Here every tap is a shifted read of the
// (padded) image itself: with the image's rows `width` apart, output q = (y,
// x) of a stride-1 convolution reads input q + i * width + j for tap (i, j).
// Computing every q of the wide grid (OH rows of `width` columns, the last
// KW - 1 of each row thrown away) turns the convolution into a sum of
// shifted vectors, 16 outputs per register.
#include <algorithm>
#include <vector>

#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

#ifdef __AVX512F__
#include <immintrin.h>
#endif

namespace d2l::kernels {

namespace {

#ifdef __AVX512F__

__mmask16 lanes_below(int64_t count) {
  return count >= 16  ? __mmask16(0xFFFF)
         : count <= 0 ? __mmask16(0)
                      : __mmask16((1u << count) - 1);
}

// NF filters x QB vectors of outputs per pass; the taps' weights for the NF
// filters sit side by side (w_taps is (taps, f)), so the broadcasts of one tap
// read one cache line.
template <int NF, int QB>
void correlate_block(const float* in, int64_t channels, int64_t in_stride, int64_t width,
                     int64_t kh, int64_t kw, const float* w_taps, int64_t f, float* out,
                     int64_t out_stride, int64_t length) {
  for (int64_t q0 = 0; q0 < length; q0 += QB * 16) {
    __mmask16 mask[QB];
#pragma GCC unroll 8
    for (int v = 0; v < QB; ++v) mask[v] = lanes_below(length - q0 - v * 16);
    __m512 acc[NF][QB];
#pragma GCC unroll 8
    for (int r = 0; r < NF; ++r) {
#pragma GCC unroll 8
      for (int v = 0; v < QB; ++v) acc[r][v] = _mm512_setzero_ps();
    }
    const float* wt = w_taps;
    for (int64_t c = 0; c < channels; ++c) {
      for (int64_t i = 0; i < kh; ++i) {
        const float* row = in + c * in_stride + i * width + q0;
        for (int64_t j = 0; j < kw; ++j, wt += f) {
          __m512 x[QB];
#pragma GCC unroll 8
          for (int v = 0; v < QB; ++v)
            x[v] = _mm512_maskz_loadu_ps(mask[v], row + j + v * 16);
#pragma GCC unroll 8
          for (int r = 0; r < NF; ++r) {
            const __m512 a = _mm512_set1_ps(wt[r]);
#pragma GCC unroll 8
            for (int v = 0; v < QB; ++v) acc[r][v] = _mm512_fmadd_ps(a, x[v], acc[r][v]);
          }
        }
      }
    }
#pragma GCC unroll 8
    for (int r = 0; r < NF; ++r) {
#pragma GCC unroll 8
      for (int v = 0; v < QB; ++v) {
        _mm512_mask_storeu_ps(out + r * out_stride + q0 + v * 16, mask[v], acc[r][v]);
      }
    }
  }
}

// Up to 24 accumulators: 8 filters x 3 vectors, 6 x 4, or 4 x 6.
template <int NF>
void correlate_filters(const float* in, int64_t channels, int64_t in_stride,
                       int64_t width, int64_t kh, int64_t kw, const float* w_taps,
                       int64_t f, float* out, int64_t out_stride, int64_t length) {
  constexpr int QB = std::clamp(24 / NF, 3, 6);
  correlate_block<NF, QB>(in, channels, in_stride, width, kh, kw, w_taps, f, out,
                          out_stride, length);
}

using CorrelateFn = void (*)(const float*, int64_t, int64_t, int64_t, int64_t, int64_t,
                             const float*, int64_t, float*, int64_t, int64_t);
constexpr CorrelateFn kCorrelate[8] = {correlate_filters<1>, correlate_filters<2>,
                                       correlate_filters<3>, correlate_filters<4>,
                                       correlate_filters<5>, correlate_filters<6>,
                                       correlate_filters<7>, correlate_filters<8>};

// dw[f][t] += sum over images and q of gy[f][q] in[t's offset + q], for NF
// filters and TB taps at a time (their offsets in `offsets`), each pair's
// vector of partial sums kept in a register over all the images.
template <int NF, int TB>
void weight_grad_block(const float* in, int64_t image_stride, const int64_t* offsets,
                       const float* gy, int64_t gy_stride, int64_t gy_image_stride,
                       int64_t images, int64_t length, float* sums) {
  __m512 acc[NF][TB];
#pragma GCC unroll 8
  for (int r = 0; r < NF; ++r) {
#pragma GCC unroll 12
    for (int t = 0; t < TB; ++t) acc[r][t] = _mm512_setzero_ps();
  }
  for (int64_t b = 0; b < images; ++b) {
    const float* image = in + b * image_stride;
    const float* g = gy + b * gy_image_stride;
    for (int64_t q = 0; q < length; q += 16) {
      const __mmask16 mask = lanes_below(length - q);
      __m512 gv[NF];
#pragma GCC unroll 8
      for (int r = 0; r < NF; ++r)
        gv[r] = _mm512_maskz_loadu_ps(mask, g + r * gy_stride + q);
#pragma GCC unroll 12
      for (int t = 0; t < TB; ++t) {
        const __m512 x = _mm512_maskz_loadu_ps(mask, image + offsets[t] + q);
#pragma GCC unroll 8
        for (int r = 0; r < NF; ++r) acc[r][t] = _mm512_fmadd_ps(gv[r], x, acc[r][t]);
      }
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < NF; ++r) {
#pragma GCC unroll 12
    for (int t = 0; t < TB; ++t) {
      // Lanes summed by hand: GCC 12's _mm512_reduce_add_ps trips
      // -Wmaybe-uninitialized inside its own header.
      alignas(64) float lanes[16];
      _mm512_store_ps(lanes, acc[r][t]);
      float total = 0.0f;
      for (float v : lanes) total += v;
      sums[r * TB + t] = total;
    }
  }
}

#endif  // __AVX512F__

}  // namespace

bool direct_conv_vectorized() {
#ifdef __AVX512F__
  return true;
#else
  return false;
#endif
}

void direct_correlate(Device d, const float* in, int64_t channels, int64_t in_stride,
                      int64_t width, int64_t kh, int64_t kw, const float* w_taps,
                      int64_t f, float* out, int64_t out_stride, int64_t length) {
  require_host(d, "direct_correlate");
#ifdef __AVX512F__
  for (int64_t f0 = 0; f0 < f; f0 += 8) {
    const int64_t nf = std::min<int64_t>(8, f - f0);
    kCorrelate[nf - 1](in, channels, in_stride, width, kh, kw, w_taps + f0, f,
                       out + f0 * out_stride, out_stride, length);
  }
#else
  for (int64_t r = 0; r < f; ++r) {
    float* o = out + r * out_stride;
    std::fill(o, o + length, 0.0f);
    const float* wt = w_taps + r;
    for (int64_t c = 0; c < channels; ++c) {
      for (int64_t i = 0; i < kh; ++i) {
        for (int64_t j = 0; j < kw; ++j, wt += f) {
          const float* src = in + c * in_stride + i * width + j;
          for (int64_t q = 0; q < length; ++q) o[q] += *wt * src[q];
        }
      }
    }
  }
#endif
}

void direct_weight_grad(Device d, const float* in, int64_t channels, int64_t in_stride,
                        int64_t image_stride, int64_t width, int64_t kh, int64_t kw,
                        const float* gy, int64_t f, int64_t gy_stride,
                        int64_t gy_image_stride, int64_t images, int64_t length,
                        float* dw) {
  require_host(d, "direct_weight_grad");
  const int64_t taps = channels * kh * kw;
  std::vector<int64_t> offsets(static_cast<size_t>(taps));
  for (int64_t c = 0, t = 0; c < channels; ++c) {
    for (int64_t i = 0; i < kh; ++i) {
      for (int64_t j = 0; j < kw; ++j)
        offsets[size_t(t++)] = c * in_stride + i * width + j;
    }
  }
#ifdef __AVX512F__
  // 3 filters x 8 taps per pass; a last partial block repeats the last filter
  // or tap (a few redundant sums, which are dropped) rather than needing a
  // kernel of every smaller size.
  constexpr int NF = 3, TB = 8;
  for (int64_t f0 = 0; f0 < f; f0 += NF) {
    for (int64_t t0 = 0; t0 < taps; t0 += TB) {
      int64_t offs[TB];
      for (int t = 0; t < TB; ++t) offs[t] = offsets[size_t(std::min(t0 + t, taps - 1))];
      // The filters' gy planes are gy_stride apart; a repeated last filter
      // needs its own plane pointer, so blocks at the end shift back instead.
      const int64_t fb = std::min<int64_t>(f0, std::max<int64_t>(f - NF, 0));
      float sums[NF * TB];
      if (f >= NF) {
        weight_grad_block<NF, TB>(in, image_stride, offs, gy + fb * gy_stride, gy_stride,
                                  gy_image_stride, images, length, sums);
      } else {
        float one[TB];
        for (int64_t r = 0; r < f; ++r) {
          weight_grad_block<1, TB>(in, image_stride, offs, gy + r * gy_stride, gy_stride,
                                   gy_image_stride, images, length, one);
          std::copy(one, one + TB, sums + r * TB);
        }
      }
      for (int64_t r = 0; r < std::min<int64_t>(NF, f); ++r) {
        const int64_t filter = fb + r;
        if (filter < f0) continue;  // a shifted-back block: done by the last one
        for (int64_t t = 0; t < TB && t0 + t < taps; ++t) {
          dw[filter * taps + t0 + t] += sums[r * TB + t];
        }
      }
    }
  }
#else
  for (int64_t r = 0; r < f; ++r) {
    for (int64_t t = 0; t < taps; ++t) {
      float total = 0.0f;
      for (int64_t b = 0; b < images; ++b) {
        const float* g = gy + b * gy_image_stride + r * gy_stride;
        const float* src = in + b * image_stride + offsets[size_t(t)];
        for (int64_t q = 0; q < length; ++q) total += g[q] * src[q];
      }
      dw[r * taps + t] += total;
    }
  }
#endif
}

}  // namespace d2l::kernels
