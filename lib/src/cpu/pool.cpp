// Max and average pooling of (H, W) planes on the host, forward and backward,
// one plane per task over the library's threads.
#include <algorithm>
#include <limits>

#include "core/parallel.hpp"
#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

namespace d2l::kernels {

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

}  // namespace

void pool2d(Device d, Pool op, const float* x, float* y, const Window2D& g,
            int64_t planes) {
  require_host(d, "pool2d");
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
  require_host(d, "pool2d_backward");
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

}  // namespace d2l::kernels
