// Convolution as im2col + GEMM over chunks of images, with its gradients for
// the input (GEMM + col2im), the weight (GEMM, accumulated) and the bias.
#include "d2l/conv_ops.hpp"

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;
using detail::ptr;

namespace {

constexpr const char* kOp = "convolution";

std::string pair_str(Pair2 p) { return detail::cat("(", p.h, ", ", p.w, ")"); }

// Checks shapes and options: x (N, C, H, W), weight (F, C, KH, KW), bias (F).
kernels::Window2D conv_window(const NDArray& x, const NDArray& w, const NDArray& b,
                              const ConvolutionOptions& o) {
  detail::defined(x, kOp);
  detail::defined(w, kOp);
  const Shape &xs = x.shape(), &ws = w.shape();
  if (xs.size() != 4) {
    fail(kOp, "expects input x of shape (N, C, H, W), got ", shape_str(xs));
  }
  if (ws.size() != 4) {
    fail(kOp, "expects weight of shape (F, C, KH, KW), got ", shape_str(ws));
  }
  if (ws[1] != xs[1]) {
    fail(kOp, "input x of shape ", shape_str(xs), " has ", xs[1],
         " channels but weight of shape ", shape_str(ws), " expects ", ws[1]);
  }
  if (o.kernel != Pair2() && o.kernel != Pair2(ws[2], ws[3])) {
    fail(kOp, "kernel ", pair_str(o.kernel), " does not match weight of shape ",
         shape_str(ws));
  }
  if (b.defined() && b.shape() != Shape{ws[0]}) {
    fail(kOp, "expects bias of shape (", ws[0], ",) for weight of shape ", shape_str(ws),
         ", got ", shape_str(b.shape()));
  }
  if (o.stride.h < 1 || o.stride.w < 1 || o.dilate.h < 1 || o.dilate.w < 1 ||
      o.pad.h < 0 || o.pad.w < 0) {
    fail(kOp, "stride and dilate must be >= 1 and pad >= 0, got stride ",
         pair_str(o.stride), ", dilate ", pair_str(o.dilate), ", pad ", pair_str(o.pad));
  }
  kernels::Window2D g{.height = xs[2],
                      .width = xs[3],
                      .kernel_h = ws[2],
                      .kernel_w = ws[3],
                      .stride_h = o.stride.h,
                      .stride_w = o.stride.w,
                      .pad_h = o.pad.h,
                      .pad_w = o.pad.w,
                      .dilate_h = o.dilate.h,
                      .dilate_w = o.dilate.w};
  const int64_t span_h = o.dilate.h * (ws[2] - 1) + 1;  // the dilated kernel
  const int64_t span_w = o.dilate.w * (ws[3] - 1) + 1;
  if (xs[2] + 2 * o.pad.h < span_h || xs[3] + 2 * o.pad.w < span_w) {
    fail(kOp, "the kernel (", span_h, ", ", span_w, ") after dilation is larger than ",
         "the padded input ", shape_str(xs), " with pad ", pair_str(o.pad));
  }
  g.out_h = (xs[2] + 2 * o.pad.h - span_h) / o.stride.h + 1;
  g.out_w = (xs[3] + 2 * o.pad.w - span_w) / o.stride.w + 1;
  return g;
}

// Images per im2col + GEMM pass: as many as keep the column matrix within
// about 1 MiB (this CPU's L2 per core). Measured on LeNet's layers with two
// threads: 4 MiB chunks were up to 2.3x slower, 256 KiB chunks 13-30% slower.
// Small planes (ResNet's deep layers: 3x3 outputs at 512 channels) take at
// least kMinColumns GEMM columns per pass, however large the columns get: with
// a few dozen columns the GEMM spends more time packing the weights (F x
// C*KH*KW, read again for every chunk) and storing its C tiles than
// multiplying. Then the chunks are evened out, a whole number per thread.
int64_t chunk_images(int64_t floats_per_image, int64_t p, int64_t n,
                     int64_t min_columns = 1024) {
  constexpr int64_t budget = 256 * 1024;
  n = std::max<int64_t>(n, 1);
  int64_t k = budget / std::max<int64_t>(floats_per_image, 1);
  k = std::max(k, (min_columns + p - 1) / std::max<int64_t>(p, 1));
  k = std::clamp<int64_t>(k, 1, n);
  // A whole number of chunks per thread where the batch allows (3 chunks on 2
  // threads leave one thread idle for a third of the layer).
  const int64_t threads = std::max<int64_t>(num_threads(), 1);
  int64_t chunks = (n + k - 1) / k;
  chunks = std::min(n, (chunks + threads - 1) / threads * threads);
  return (n + chunks - 1) / chunks;
}

// Copies (m, F, P) blocks to (F, m, P) or back (`to_images`).
void swap_outer(Device d, const float* src, float* dst, int64_t m, int64_t f, int64_t p,
                bool to_images) {
  for (int64_t b = 0; b < m; ++b) {
    for (int64_t k = 0; k < f; ++k) {
      const int64_t image = (b * f + k) * p, channel = (k * m + b) * p;
      kernels::copy(d, src + (to_images ? channel : image),
                    dst + (to_images ? image : channel), p);
    }
  }
}

struct Dims {
  int64_t n, c, f, rows, p, chunk;  // rows = C*KH*KW, p = OH*OW
};

Dims dims_of(const Shape& xs, const Shape& ws, const kernels::Window2D& g) {
  Dims m{xs[0], xs[1], ws[0], ws[1] * ws[2] * ws[3], g.out_h * g.out_w, 1};
  m.chunk = chunk_images(std::max(m.rows, m.f) * m.p, m.p, m.n);
  return m;
}

// Scratch space of one thread, reused from call to call (the columns of a
// chunk and its GEMM output), so that chunks run in parallel without sharing.
float* scratch(std::vector<float>& buffer, int64_t size) {
  if (int64_t(buffer.size()) < size) buffer.resize(size_t(size));
  return buffer.data();
}

int64_t num_chunks(const Dims& m) { return (m.n + m.chunk - 1) / m.chunk; }

std::atomic<ConvAlgorithm> g_algorithm{ConvAlgorithm::automatic};

// Winograd F(2x2, 3x3) computes 3x3 convolutions with stride 1 and padding 1.
// `automatic` takes it where it measured faster (bench/layer_profile): planes
// whose 2x2 tiles waste little (a 3x3 plane needs 4 tiles, 16 outputs for 9,
// which eats most of the gain) and enough channels that the 16 GEMMs, not the
// transforms, do most of the work.
bool use_winograd(const kernels::Window2D& g, int64_t c, int64_t f) {
  const bool applies = g.kernel_h == 3 && g.kernel_w == 3 && g.stride_h == 1 &&
                       g.stride_w == 1 && g.pad_h == 1 && g.pad_w == 1 &&
                       g.dilate_h == 1 && g.dilate_w == 1;
  const ConvAlgorithm a = g_algorithm.load(std::memory_order_relaxed);
  if (!applies || a == ConvAlgorithm::im2col) return false;
  if (a == ConvAlgorithm::winograd) return true;
  const kernels::WinogradTiles t = kernels::winograd_tiles(g.out_h, g.out_w);
  const bool little_waste = 2 * (4 * t.tiles_h * t.tiles_w) <= 3 * g.out_h * g.out_w;
  return little_waste && g.out_h >= 4 && g.out_w >= 4 && c >= 16 && f >= 16;
}

// The 16 products of Winograd's method for a chunk of k images: for each
// position xi of the 4x4 tile, m[xi] (rows, T) = u[xi] (rows, depth) x
// v[xi] (depth, T), T = k * TH * TW tiles.
void winograd_products(Device d, const float* u, const float* v, float* m, int64_t rows,
                       int64_t depth, int64_t tiles) {
  for (int64_t xi = 0; xi < 16; ++xi) {
    kernels::gemm(d, false, false, rows, tiles, depth, 1.0f, u + xi * rows * depth,
                  v + xi * depth * tiles, 0.0f, m + xi * rows * tiles);
  }
}

// Images per Winograd pass: the transformed inputs and products of a chunk
// (16 x channels x tiles each) within the same budget as im2col's columns,
// but at least 256 tiles so the GEMMs stay efficient.
int64_t winograd_chunk(int64_t c, int64_t f, int64_t tiles_per_image, int64_t n) {
  return chunk_images(16 * std::max(c, f) * tiles_per_image, tiles_per_image, n, 256);
}

// One pass of Winograd's method on k images: x (k, depth, H, W) -> y (k, rows,
// H, W), with u from winograd_weights (rows = filters for the forward pass,
// input channels for the input gradient).
void winograd_pass(Device d, const float* u, const float* x, const float* bias, float* y,
                   int64_t k, int64_t depth, int64_t rows,
                   const kernels::WinogradTiles& t) {
  thread_local std::vector<float> v_buffer, m_buffer;
  const int64_t tiles = k * t.tiles_h * t.tiles_w;
  float* v = scratch(v_buffer, 16 * depth * tiles);
  float* m = scratch(m_buffer, 16 * rows * tiles);
  kernels::winograd_input(d, x, v, k, depth, t);
  winograd_products(d, u, v, m, rows, depth, tiles);
  kernels::winograd_output(d, m, bias, y, k, rows, t);
}

NDArray forward_winograd(const NDArray& x, const NDArray& w, const NDArray& b,
                         const kernels::Window2D& g, Device d) {
  const int64_t n = x.shape()[0], c = x.shape()[1], f = w.shape()[0];
  const kernels::WinogradTiles t = kernels::winograd_tiles(g.out_h, g.out_w);
  NDArray y = detail::empty({n, f, g.out_h, g.out_w}, d);
  NDArray u = detail::empty({16, f, c}, d);
  kernels::winograd_weights(d, ptr(w), ptr(u), f, c, false);
  const int64_t chunk = winograd_chunk(c, f, t.tiles_h * t.tiles_w, n);
  const int64_t in_image = c * g.height * g.width, out_image = f * g.out_h * g.out_w;
  detail::parallel_for((n + chunk - 1) / chunk, [&](int64_t i) {
    const int64_t b0 = i * chunk, k = std::min(chunk, n - b0);
    winograd_pass(d, ptr(u), ptr(x) + b0 * in_image, b.defined() ? ptr(b) : nullptr,
                  ptr(y) + b0 * out_image, k, c, f, t);
  });
  return y;
}

// (N, C, H, W) -> (N, F, OH, OW). Chunks of images run in parallel, each with
// cols (rows, m*P) = im2col(x chunk); (F, rows) x cols -> (F, m*P) -> (m, F, P).
NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d) {
  if (use_winograd(g, x.shape()[1], w.shape()[0])) return forward_winograd(x, w, b, g, d);
  Dims m = dims_of(x.shape(), w.shape(), g);
  NDArray y = detail::empty({m.n, m.f, g.out_h, g.out_w}, d);
  const int64_t in_image = m.c * g.height * g.width, out_image = m.f * m.p;
  detail::parallel_for(num_chunks(m), [&](int64_t chunk) {
    thread_local std::vector<float> cols_buffer, out_buffer;
    const int64_t b0 = chunk * m.chunk, k = std::min(m.chunk, m.n - b0);
    float* cols = scratch(cols_buffer, m.rows * k * m.p);
    kernels::im2col(d, ptr(x) + b0 * in_image, cols, g, m.c, k);
    float* dst = k == 1 ? ptr(y) + b0 * out_image : scratch(out_buffer, m.f * k * m.p);
    kernels::gemm(d, false, false, m.f, k * m.p, m.rows, 1.0f, ptr(w), cols, 0.0f, dst);
    if (b.defined()) {  // (F, k*P) + (F, 1) while the block is in cache
      kernels::binary(d, kernels::Binary::add, dst, ptr(b), dst,
                      kernels::plan_broadcast({m.f, k * m.p}, {m.f, 1}, {m.f, k * m.p}));
    }
    if (k > 1) swap_outer(d, dst, ptr(y) + b0 * out_image, k, m.f, m.p, true);
  });
  return y;
}

// Given gy (N, F, OH, OW), per chunk in parallel: gy -> (F, m*P); the chunk's
// dW = gy_cols x cols^T (added to its share's accumulator); dcols = W^T x gy_cols,
// dx = col2im(dcols); db = sum of gy over N, OH, OW.
std::vector<NDArray> backward(const NDArray& gy, const NDArray& x, const NDArray& w,
                              const NDArray& b, const kernels::Window2D& g) {
  const Device d = detail::device_of(x);
  Dims m = dims_of(x.shape(), w.shape(), g);
  const bool want_x = detail::wants_grad(x), want_w = detail::wants_grad(w);
  // col2im fills every pixel of dx; only an empty batch needs the zeros.
  NDArray dx = !want_x   ? NDArray()
               : m.n > 0 ? detail::empty(x.shape(), d)
                         : nd::zeros(x.shape(), d);
  const int64_t chunks = num_chunks(m), w_size = m.f * m.rows;
  // One dW accumulator per share of the chunks (no partial sum per chunk: at
  // 512 channels one dW is 9 MiB). Each share is a fixed, contiguous range of
  // chunks run in order by one task, so the sums are the same on every run:
  // the same seed trains the same network.
  const int64_t parts = std::max<int64_t>(std::min<int64_t>(chunks, num_threads()), 1);
  NDArray dw_parts = want_w ? detail::empty({parts, w_size}, d) : NDArray();
  // With few filters, dW^T = cols x gy^T: the GEMM then packs gy (F x k*P)
  // rather than the far larger columns, and its rows (C*KH*KW) fill the
  // kernel's register tiles evenly. Measured with bench/layer_profile: 10-25%
  // faster backward for 64 and 128 filters, no gain at 256, slower at 512.
  const bool dwt = m.f <= 128;
  const int64_t in_image = m.c * g.height * g.width, out_image = m.f * m.p;
  // The input gradient of a 3x3 convolution with padding 1 is itself one
  // (of gy with the kernels rotated and their channels swapped).
  const bool winograd_dx = want_x && use_winograd(g, m.f, m.c);
  const kernels::WinogradTiles tiles = kernels::winograd_tiles(g.height, g.width);
  NDArray u = winograd_dx ? detail::empty({16, m.c, m.f}, d) : NDArray();
  if (winograd_dx) kernels::winograd_weights(d, ptr(w), ptr(u), m.f, m.c, true);
  if (want_x || want_w) {
    detail::parallel_for(parts, [&](int64_t part) {
      const int64_t first_chunk = chunks * part / parts;
      const int64_t end_chunk = chunks * (part + 1) / parts;
      for (int64_t chunk = first_chunk; chunk < end_chunk; ++chunk) {
        thread_local std::vector<float> cols_buffer, gy_buffer;
        const int64_t b0 = chunk * m.chunk, k = std::min(m.chunk, m.n - b0);
        // The columns, for dW and for an input gradient by col2im.
        float* cols =
            want_w || !winograd_dx ? scratch(cols_buffer, m.rows * k * m.p) : nullptr;
        const float* gy_cols = ptr(gy) + b0 * out_image;
        if (winograd_dx) {  // (k, F, OH, OW) -> (k, C, H, W)
          winograd_pass(d, ptr(u), gy_cols, nullptr, ptr(dx) + b0 * in_image, k, m.f, m.c,
                        tiles);
        }
        if (k > 1 && (want_w || !winograd_dx)) {  // (k, F, P) -> (F, k*P)
          float* gyc = scratch(gy_buffer, m.f * k * m.p);
          swap_outer(d, gy_cols, gyc, k, m.f, m.p, false);
          gy_cols = gyc;
        }
        if (want_w) {  // this part's dW (F, rows) or dW^T (rows, F) += the chunk's
          kernels::im2col(d, ptr(x) + b0 * in_image, cols, g, m.c, k);
          const bool first = chunk == first_chunk;
          float* slot_dw = ptr(dw_parts) + part * w_size;
          if (dwt) {
            kernels::gemm(d, false, true, m.rows, m.f, k * m.p, 1.0f, cols, gy_cols,
                          first ? 0.0f : 1.0f, slot_dw);
          } else {
            kernels::gemm(d, false, true, m.f, m.rows, k * m.p, 1.0f, gy_cols, cols,
                          first ? 0.0f : 1.0f, slot_dw);
          }
        }
        if (want_x && !winograd_dx) {  // (rows, F) x (F, k*P) -> (k, C, H, W)
          kernels::gemm(d, true, false, m.rows, k * m.p, m.f, 1.0f, ptr(w), gy_cols, 0.0f,
                        cols);
          kernels::col2im(d, cols, ptr(dx) + b0 * in_image, g, m.c, k);
        }
      }
    });
  }
  NDArray dw;
  if (want_w) {
    if (chunks == 0) kernels::fill(d, ptr(dw_parts), w_size, 0.0f);  // an empty batch
    dw = parts == 1 ? dw_parts.reshape(w.shape())
                    : nd::sum(dw_parts, 0).reshape(w.shape());
    if (dwt) {
      dw = nd::transpose(dw.reshape({m.rows, m.f})).reshape(w.shape());
    }
  }
  std::vector<NDArray> grads{dx, dw};
  if (b.defined()) {
    grads.push_back(detail::wants_grad(b) ? nd::sum(gy, {0, 2, 3}) : NDArray());
  }
  return grads;
}

}  // namespace

void set_conv_algorithm(ConvAlgorithm algorithm) { g_algorithm.store(algorithm); }

ConvAlgorithm conv_algorithm() { return g_algorithm.load(); }

NDArray convolution(const NDArray& x, const NDArray& weight, const NDArray& bias,
                    const ConvolutionOptions& options) {
  kernels::Window2D g = conv_window(x, weight, bias, options);
  std::vector<NDArray> inputs{x, weight};
  if (bias.defined()) inputs.push_back(bias);
  Device d = detail::common_device(kOp, inputs);
  NDArray y = forward(x, weight, bias, g, d);
  return detail::record_op(
      kOp, y, inputs, [x, weight, bias, g](const NDArray& gy) -> std::vector<NDArray> {
        return backward(gy, x, weight, bias, g);
      });
}

}  // namespace d2l::nd
