// Max and average pooling of (H, W) planes on the host, forward and backward,
// one plane per task over the library's threads. Max pooling keeps each
// window's argmax for its backward; 2x2 windows with stride 2 (LeNet's, the
// book's most common) are vectorized.
#include <algorithm>
#include <limits>

#ifdef __AVX512F__
#include <immintrin.h>
#endif

#include "core/parallel.hpp"
#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

namespace {

// The part of window (oh, ow) that lies inside the plane: rows [h0, h1) and
// columns [w0, w1).
struct Box {
  int64_t h0, h1, w0, w1;
};
Box window(const Window2D& g, int64_t oh, int64_t ow) {
  const int64_t hs = oh * g.stride_h - g.pad_h, ws = ow * g.stride_w - g.pad_w;
  return {std::max<int64_t>(hs, 0), std::min(hs + g.kernel_h, g.height),
          std::max<int64_t>(ws, 0), std::min(ws + g.kernel_w, g.width)};
}

// The flat index in the plane of the first largest element of the box.
int64_t first_max(const float* x, const Window2D& g, const Box& b) {
  int64_t best = b.h0 * g.width + b.w0;
  float best_value = -std::numeric_limits<float>::infinity();
  for (int64_t h = b.h0; h < b.h1; ++h) {
    for (int64_t w = b.w0; w < b.w1; ++w) {
      if (x[h * g.width + w] > best_value) {
        best_value = x[h * g.width + w];
        best = h * g.width + w;
      }
    }
  }
  return best;
}

float box_sum(const float* x, const Window2D& g, const Box& b) {
  float s = 0;
  for (int64_t h = b.h0; h < b.h1; ++h) {
    for (int64_t w = b.w0; w < b.w1; ++w) s += x[h * g.width + w];
  }
  return s;
}

#ifdef __AVX512F__
// Of two candidates, the later one (b) where it is larger, or where a is NaN
// and b is not: first_max's rule (the first largest, NaNs skipped).
inline void keep_first_max(__m512& a, __m512i& ia, __m512 b, __m512i ib) {
  const __mmask16 later =
      _mm512_cmp_ps_mask(b, a, _CMP_GT_OQ) |
      (_mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q) & _mm512_cmp_ps_mask(b, b, _CMP_ORD_Q));
  a = _mm512_mask_blend_ps(later, a, b);
  ia = _mm512_mask_blend_epi32(later, ia, ib);
}

// Row oh of 2x2 stride-2 max pooling without padding, 16 outputs at a time:
// the even and odd columns of the two input rows picked apart, then the
// first largest of the four, in row-major order.
void max_2x2_row(const float* x, const Window2D& g, int64_t oh, float* y, float* arg) {
  const __m512i even =
      _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_add_epi32(even, _mm512_set1_epi32(1));
  const __m512i lane2 = _mm512_slli_epi32(
      _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 1);
  const float* r0 = x + 2 * oh * g.width;
  const float* r1 = r0 + g.width;
  for (int64_t ow = 0; ow < g.out_w; ow += 16) {
    const int64_t outs = std::min<int64_t>(16, g.out_w - ow), cols = 2 * outs;
    const __mmask16 m_lo = cols >= 16 ? 0xFFFF : __mmask16((1u << cols) - 1);
    const __mmask16 m_hi = cols <= 16 ? 0 : __mmask16((1u << (cols - 16)) - 1);
    const __mmask16 m_out = outs >= 16 ? 0xFFFF : __mmask16((1u << outs) - 1);
    const float* p0 = r0 + 2 * ow;
    const float* p1 = r1 + 2 * ow;
    const __m512 lo0 = _mm512_maskz_loadu_ps(m_lo, p0),
                 hi0 = _mm512_maskz_loadu_ps(m_hi, p0 + 16);
    const __m512 lo1 = _mm512_maskz_loadu_ps(m_lo, p1),
                 hi1 = _mm512_maskz_loadu_ps(m_hi, p1 + 16);
    __m512 a = _mm512_permutex2var_ps(lo0, even, hi0);
    __m512 c = _mm512_permutex2var_ps(lo1, even, hi1);
    const __m512 b = _mm512_permutex2var_ps(lo0, odd, hi0);
    const __m512 d = _mm512_permutex2var_ps(lo1, odd, hi1);
    __m512i ia =
        _mm512_add_epi32(_mm512_set1_epi32(int(2 * oh * g.width + 2 * ow)), lane2);
    __m512i ic = _mm512_add_epi32(ia, _mm512_set1_epi32(int(g.width)));
    const __m512i one = _mm512_set1_epi32(1);
    keep_first_max(a, ia, b, _mm512_add_epi32(ia, one));
    keep_first_max(c, ic, d, _mm512_add_epi32(ic, one));
    keep_first_max(a, ia, c, ic);
    _mm512_mask_storeu_ps(y + ow, m_out, a);
    // The masked form: GCC 12's unmasked one trips -Wmaybe-uninitialized.
    _mm512_mask_storeu_ps(arg + ow, m_out, _mm512_maskz_cvtepi32_ps(0xFFFF, ia));
  }
}
#endif

bool is_2x2_stride_2(const Window2D& g) {
  return g.kernel_h == 2 && g.kernel_w == 2 && g.stride_h == 2 && g.stride_w == 2 &&
         g.pad_h == 0 && g.pad_w == 0;
}

}  // namespace

void pool2d_max(Device d, const float* x, float* y, float* argmax, const Window2D& g,
                int64_t planes) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w;
  // Float indices are exact below 2^24 (and int32 lanes need 2^31).
  if (in > (int64_t(1) << 24)) {
    throw d2l::Error(
        "pooling: planes of more than 2^24 elements are not supported, got " +
        std::to_string(g.height) + " x " + std::to_string(g.width));
  }
  detail::parallel_for(planes, [&](int64_t t) {
    const float* xp = x + t * in;
    float* yp = y + t * out;
    float* ap = argmax + t * out;
#ifdef __AVX512F__
    if (is_2x2_stride_2(g)) {
      for (int64_t oh = 0; oh < g.out_h; ++oh) {
        max_2x2_row(xp, g, oh, yp + oh * g.out_w, ap + oh * g.out_w);
      }
      return;
    }
#endif
    for (int64_t o = 0; o < out; ++o) {
      const int64_t i = first_max(xp, g, window(g, o / g.out_w, o % g.out_w));
      yp[o] = xp[i];
      ap[o] = float(i);
    }
  });
}

void pool2d_max_backward(Device d, const float* dy, const float* argmax, float* dx,
                         const Window2D& g, int64_t planes) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w;
  detail::parallel_for(planes, [&](int64_t t) {
    float* dxp = dx + t * in;
    const float* dyp = dy + t * out;
    const float* ap = argmax + t * out;
    std::fill(dxp, dxp + in, 0.0f);
    for (int64_t o = 0; o < out; ++o) dxp[int64_t(ap[o])] += dyp[o];
  });
}

void pool2d(Device d, Pool op, const float* x, float* y, const Window2D& g,
            int64_t planes) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w;
  const float scale = 1.0f / float(g.kernel_h * g.kernel_w);
  detail::parallel_for(planes, [&](int64_t t) {
    const float* xp = x + t * in;
    float* yp = y + t * out;
    for (int64_t oh = 0; oh < g.out_h; ++oh) {
      for (int64_t ow = 0; ow < g.out_w; ++ow) {
        Box b = window(g, oh, ow);
        yp[oh * g.out_w + ow] =
            op == Pool::max ? xp[first_max(xp, g, b)] : box_sum(xp, g, b) * scale;
      }
    }
  });
}

void pool2d_backward(Device d, Pool op, const float* x, const float* dy, float* dx,
                     const Window2D& g, int64_t planes) {
  const int64_t in = g.height * g.width, out = g.out_h * g.out_w;
  const float scale = 1.0f / float(g.kernel_h * g.kernel_w);
  detail::parallel_for(planes, [&](int64_t t) {
    const float* xp = x + t * in;
    const float* dyp = dy + t * out;
    float* dxp = dx + t * in;
    std::fill(dxp, dxp + in, 0.0f);
    for (int64_t oh = 0; oh < g.out_h; ++oh) {
      for (int64_t ow = 0; ow < g.out_w; ++ow) {
        Box b = window(g, oh, ow);
        const float grad = dyp[oh * g.out_w + ow];
        if (op == Pool::max) {
          dxp[first_max(xp, g, b)] += grad;
          continue;
        }
        for (int64_t h = b.h0; h < b.h1; ++h) {
          for (int64_t w = b.w0; w < b.w1; ++w) dxp[h * g.width + w] += grad * scale;
        }
      }
    }
  });
}

}  // namespace d2l::kernels::cpu
