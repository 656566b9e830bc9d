// Convolution as im2col + GEMM over chunks of images, with its gradients for
// the input (GEMM + col2im), the weight (GEMM, accumulated) and the bias. 3x3
// and 5x5 convolutions with stride 1 and "same" padding go to Winograd's
// method where it is chosen (conv_winograd.cpp), stride-1 layers with few
// channels to a direct convolution (conv_direct.cpp), a chunk at a time inside
// the same loops.
#include "d2l/conv_ops.hpp"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "d2l/ops.hpp"
#include "ndarray/conv_common.hpp"
#include "ndarray/conv_direct.hpp"
#include "ndarray/conv_taps.hpp"
#include "ndarray/conv_winograd.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;
using detail::ptr;

// Images per im2col + GEMM pass: as many as keep the column matrix within
// about 1 MiB (this CPU's L2 per core). Measured on LeNet's layers with two
// threads: 4 MiB chunks were up to 2.3x slower, 256 KiB chunks 13-30% slower.
// Small planes (ResNet's deep layers: 3x3 outputs at 512 channels) take at
// least kMinColumns GEMM columns per pass, however large the columns get: with
// a few dozen columns the GEMM spends more time packing the weights (F x
// C*KH*KW, read again for every chunk) and storing its C tiles than
// multiplying. Then the chunks are evened out, a whole number per thread.
int64_t conv::chunk_images(int64_t floats_per_image, int64_t p, int64_t n,
                           int64_t min_columns) {
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

int64_t conv::task_count(int64_t chunks) {
  return std::max<int64_t>(std::min<int64_t>(chunks, num_threads()), 1);
}

void conv::for_chunk_ranges(int64_t chunks, int64_t tasks,
                            const std::function<void(int64_t, int64_t, int64_t)>& body) {
  detail::parallel_for(tasks, [&](int64_t task) {
    body(task, chunks * task / tasks, chunks * (task + 1) / tasks);
  });
}

conv::TaskScratch::TaskScratch(int64_t tasks, int64_t floats, Device d)
    : buffer_(floats > 0 ? detail::empty({tasks, floats}, d) : NDArray()),
      floats_(floats) {}

float* conv::TaskScratch::of(int64_t task) const {
  return floats_ > 0 ? ptr(buffer_) + task * floats_ : nullptr;
}

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

// Copies (m, F, P) blocks to (F, m, P) or back (`to_images`).
void swap_outer(Device d, const float* src, float* dst, int64_t m, int64_t f, int64_t p,
                bool to_images) {
  if (d.type != DeviceType::cpu) {  // one launch, not m * f copies
    const Shape from = to_images ? Shape{f, m, p} : Shape{m, f, p};
    kernels::permute(d, src, dst, from, {1, 0, 2});
    return;
  }
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

Dims dims_of(const Shape& xs, const Shape& ws, const kernels::Window2D& g, Device d) {
  Dims m{xs[0], xs[1], ws[0], ws[1] * ws[2] * ws[3], g.out_h * g.out_w, 1};
  const int64_t per_image = std::max(m.rows, m.f) * m.p;
  if (d.type == DeviceType::cpu) {
    m.chunk = conv::chunk_images(per_image, m.p, m.n);
  } else {  // a GPU wants few, large launches: chunks of up to 1 GiB of columns
    m.chunk = std::clamp<int64_t>((int64_t(1) << 28) / std::max<int64_t>(1, per_image), 1,
                                  std::max<int64_t>(1, m.n));
  }
  return m;
}

// One task on a GPU: its kernels queue on one stream anyway.
int64_t tasks_for(int64_t chunks, Device d) {
  return d.type == DeviceType::cpu ? conv::task_count(chunks) : 1;
}

int64_t num_chunks(const Dims& m) { return (m.n + m.chunk - 1) / m.chunk; }

// (N, C, H, W) -> (N, F, OH, OW). Chunks of images run in parallel, each with
// cols (rows, m*P) = im2col(x chunk); (F, rows) x cols -> (F, m*P) -> (m, F, P).
NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d) {
  if (taps::chosen(g, x.shape()[1], w.shape()[0], d)) {
    return taps::forward(x, w, b, g, d);
  }
  if (winograd::chosen(g, x.shape()[1], w.shape()[0], d)) {
    return winograd::forward(x, w, b, g, d);
  }
  if (direct::chosen(g, x.shape()[1], w.shape()[0], d)) {
    return direct::forward(x, w, b, g, d);
  }
  Dims m = dims_of(x.shape(), w.shape(), g, d);
  NDArray y = detail::empty({m.n, m.f, g.out_h, g.out_w}, d);
  const int64_t in_image = m.c * g.height * g.width, out_image = m.f * m.p;
  const int64_t chunks = num_chunks(m), tasks = tasks_for(chunks, d);
  // Per task: the columns, and the GEMM's output when a chunk has several images.
  const int64_t cols_size = m.rows * m.chunk * m.p;
  const conv::TaskScratch scratch(tasks,
                                  cols_size + (m.chunk > 1 ? m.f * m.chunk * m.p : 0), d);
  conv::for_chunk_ranges(chunks, tasks, [&](int64_t task, int64_t first, int64_t end) {
    float* cols = scratch.of(task);
    for (int64_t chunk = first; chunk < end; ++chunk) {
      const int64_t b0 = chunk * m.chunk, k = std::min(m.chunk, m.n - b0);
      kernels::im2col(d, ptr(x) + b0 * in_image, cols, g, m.c, k);
      float* dst = k == 1 ? ptr(y) + b0 * out_image : cols + cols_size;
      kernels::gemm(d, false, false, m.f, k * m.p, m.rows, 1.0f, ptr(w), cols, 0.0f, dst);
      if (b.defined()) {  // (F, k*P) + (F, 1) while the block is in cache
        kernels::binary(
            d, kernels::Binary::add, dst, ptr(b), dst,
            kernels::plan_broadcast({m.f, k * m.p}, {m.f, 1}, {m.f, k * m.p}));
      }
      if (k > 1) swap_outer(d, dst, ptr(y) + b0 * out_image, k, m.f, m.p, true);
    }
  });
  return y;
}

// Given gy (N, F, OH, OW), per chunk in parallel: gy -> (F, m*P); the chunk's
// dW = gy_cols x cols^T (added to its share's accumulator); dcols = W^T x gy_cols,
// dx = col2im(dcols); db = sum of gy over N, OH, OW.
std::vector<NDArray> backward(const NDArray& gy, const NDArray& x, const NDArray& w,
                              const NDArray& b, const kernels::Window2D& g) {
  const Device d = detail::device_of(x);
  const bool want_x = detail::wants_grad(x), want_w = detail::wants_grad(w);
  const NDArray db =
      b.defined() && detail::wants_grad(b) ? nd::sum(gy, {0, 2, 3}) : NDArray();
  if (taps::chosen(g, x.shape()[1], w.shape()[0], d)) {
    std::vector<NDArray> grads = taps::backward(gy, x, w, g, want_x, want_w, d);
    if (b.defined()) grads.push_back(db);
    return grads;
  }
  Dims m = dims_of(x.shape(), w.shape(), g, d);
  // col2im fills every pixel of dx; only an empty batch needs the zeros.
  NDArray dx = !want_x   ? NDArray()
               : m.n > 0 ? detail::empty(x.shape(), d)
                         : nd::zeros(x.shape(), d);
  const int64_t chunks = num_chunks(m), w_size = m.f * m.rows;
  // One dW accumulator per share of the chunks (no partial sum per chunk: at
  // 512 channels one dW is 9 MiB). Each share is a fixed, contiguous range of
  // chunks run in order by one task, so the sums are the same on every run:
  // the same seed trains the same network.
  const int64_t parts = tasks_for(chunks, d);
  // With few filters, dW^T = cols x gy^T: the GEMM then packs gy (F x k*P)
  // rather than the far larger columns, and its rows (C*KH*KW) fill the
  // kernel's register tiles evenly. Measured with bench/layer_profile: 10-25%
  // faster backward for 64 and 128 filters, no gain at 256, slower at 512.
  const bool dwt = m.f <= 128;
  const int64_t in_image = m.c * g.height * g.width, out_image = m.f * m.p;
  // Winograd's method or the direct one, where chosen, for either gradient.
  const winograd::Backward fast(w, g, want_x, want_w, parts, d);
  const direct::Backward small(w, g, want_x && !fast.input_grad(),
                               want_w && !fast.weight_grad(), parts, d);
  const bool im2col_dx = want_x && !fast.input_grad() && !small.input_grad();
  const bool im2col_dw = want_w && !fast.weight_grad() && !small.weight_grad();
  NDArray dw_parts = im2col_dw ? detail::empty({parts, w_size}, d) : NDArray();
  // Per task: the columns and gy as (F, k*P) for im2col, Winograd's transforms.
  const bool im2col = im2col_dx || im2col_dw;
  const int64_t cols_size = im2col ? m.rows * m.chunk * m.p : 0;
  const int64_t gy_size = im2col && m.chunk > 1 ? m.f * m.chunk * m.p : 0;
  const int64_t fast_size = fast.scratch_floats(m.chunk);
  const conv::TaskScratch scratch(
      parts, cols_size + gy_size + fast_size + small.scratch_floats(m.chunk), d);
  if (want_x || want_w) {
    conv::for_chunk_ranges(chunks, parts, [&](int64_t part, int64_t first, int64_t end) {
      float* cols = scratch.of(part);
      float* gyc = cols + cols_size;
      float* transforms = gyc + gy_size;
      float* wide = transforms + fast_size;
      for (int64_t chunk = first; chunk < end; ++chunk) {
        const int64_t b0 = chunk * m.chunk, k = std::min(m.chunk, m.n - b0);
        const float* gy_chunk = ptr(gy) + b0 * out_image;
        const float* x_chunk = ptr(x) + b0 * in_image;
        if (fast.input_grad()) {
          fast.input_grad(gy_chunk, ptr(dx) + b0 * in_image, k, transforms);
        }
        if (fast.weight_grad()) {
          fast.add_weight_grad(x_chunk, gy_chunk, k, part, chunk == first, transforms);
        }
        if (small.input_grad())
          small.input_grad(gy_chunk, ptr(dx) + b0 * in_image, k, wide);
        if (small.weight_grad()) {
          small.add_weight_grad(x_chunk, gy_chunk, k, part, chunk == first, wide);
        }
        const float* gy_cols = gy_chunk;
        if (k > 1 && im2col) {  // (k, F, P) -> (F, k*P)
          swap_outer(d, gy_chunk, gyc, k, m.f, m.p, false);
          gy_cols = gyc;
        }
        if (im2col_dw) {  // this part's dW (F, rows) or dW^T (rows, F) += the chunk's
          kernels::im2col(d, x_chunk, cols, g, m.c, k);
          float* slot_dw = ptr(dw_parts) + part * w_size;
          const float beta = chunk == first ? 0.0f : 1.0f;
          if (dwt) {
            kernels::gemm(d, false, true, m.rows, m.f, k * m.p, 1.0f, cols, gy_cols, beta,
                          slot_dw);
          } else {
            kernels::gemm(d, false, true, m.f, m.rows, k * m.p, 1.0f, gy_cols, cols, beta,
                          slot_dw);
          }
        }
        if (im2col_dx) {  // (rows, F) x (F, k*P) -> (k, C, H, W)
          kernels::gemm(d, true, false, m.rows, k * m.p, m.f, 1.0f, ptr(w), gy_cols, 0.0f,
                        cols);
          kernels::col2im(d, cols, ptr(dx) + b0 * in_image, g, m.c, k);
        }
      }
    });
  }
  NDArray dw;
  if (want_w && chunks == 0) {  // an empty batch
    dw = nd::zeros(w.shape(), d);
  } else if (fast.weight_grad()) {
    dw = fast.weight_grad_total(w.shape());
  } else if (small.weight_grad()) {
    dw = small.weight_grad_total(w.shape());
  } else if (want_w) {
    dw = parts == 1 ? dw_parts.reshape(w.shape())
                    : nd::sum(dw_parts, 0).reshape(w.shape());
    if (dwt) {
      dw = nd::transpose(dw.reshape({m.rows, m.f})).reshape(w.shape());
    }
  }
  std::vector<NDArray> grads{dx, dw};
  if (b.defined()) grads.push_back(db);
  return grads;
}

}  // namespace

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
