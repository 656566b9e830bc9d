// Direct convolution on the wide grid (src/cpu/direct_conv.cpp) for layers
// with few channels: images padded once per chunk, no column matrix.
//
// The input gradient of a stride-1 convolution is itself one: of gy padded
// by KH - 1 and KW - 1 on each side, with the kernels rotated 180 degrees
// and their channels swapped; of its output only the rows and columns that
// are not padding are kept.
#include "ndarray/conv_direct.hpp"

#include <algorithm>

#include "d2l/autograd.hpp"
#include "d2l/conv_ops.hpp"
#include "d2l/ops.hpp"
#include "ndarray/conv_common.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd::direct {

using detail::ptr;

namespace {

// The grid a direct pass reads: `planes` planes of rows x cols, and the floats
// past the last plane that its garbage columns may read (kernels.hpp).
struct Grid {
  int64_t planes, rows, cols, kernel_w;
  int64_t plane() const { return rows * cols; }
  int64_t image() const { return planes * plane(); }
  int64_t floats(int64_t images) const { return images * image() + kernel_w + 16; }
};

Grid input_grid(const kernels::Window2D& g, int64_t c) {
  return {c, g.height + 2 * g.pad_h, g.width + 2 * g.pad_w, g.kernel_w};
}

// gy padded by the kernel size less one on each side, for the input gradient.
Grid gy_grid(const kernels::Window2D& g, int64_t f) {
  return {f, g.out_h + 2 * (g.kernel_h - 1), g.out_w + 2 * (g.kernel_w - 1), g.kernel_w};
}

// x (k, c, rows, cols) into the interior of a zeroed grid at (top, left).
void place(Device d, const float* x, int64_t k, const Grid& grid, int64_t rows,
           int64_t cols, int64_t top, int64_t left, float* out) {
  kernels::copy_box(d, x, {k, grid.planes, rows, cols}, {0, 0, 0, 0}, out,
                    {k, grid.planes, grid.rows, grid.cols}, {0, 0, top, left},
                    {k, grid.planes, rows, cols});
}

// The kept part of wide outputs (k, planes, rows, width) from column `left`.
void crop(Device d, const float* wide, int64_t k, int64_t planes, int64_t rows,
          int64_t width, int64_t left, int64_t cols, float* out) {
  kernels::copy_box(d, wide, {k, planes, rows, width}, {0, 0, 0, left}, out,
                    {k, planes, rows, cols}, {0, 0, 0, 0}, {k, planes, rows, cols});
}

// w (F, C, KH, KW) -> taps (C*KH*KW, F), or with `flip` the input gradient's
// (F*KH*KW, C) of the kernels rotated 180 degrees (the KH*KW taps of each
// reversed). Not recorded: a layout of the weights inside the op.
NDArray taps_of(const NDArray& w, bool flip) {
  autograd::pause no_record(autograd::is_training());
  const Shape& s = w.shape();
  const int64_t taps = s[2] * s[3];
  if (!flip) return nd::transpose(w.reshape({s[0], s[1] * taps}));
  NDArray reversed = nd::arange(double(taps - 1), -1.0, -1.0, detail::device_of(w));
  NDArray rotated = nd::take(w.reshape({s[0], s[1], taps}), reversed, 2);
  return nd::transpose(rotated, {0, 2, 1}).reshape({s[0] * taps, s[1]});
}

// Whether the wide grid of `out` kept columns out of `width` wastes little.
bool narrow_waste(int64_t out, int64_t width) { return 2 * width <= 3 * out; }

bool applies(const kernels::Window2D& g) {
  return g.stride_h == 1 && g.stride_w == 1 && g.dilate_h == 1 && g.dilate_w == 1;
}

}  // namespace

// `automatic` takes it where bench/layer_profile --network lenet measured it
// faster than im2col + GEMM: few output channels (the GEMM's 12-row tiles
// half empty, its depth a few dozen) and wide rows that waste little.
bool chosen(const kernels::Window2D& g, int64_t c, int64_t f, Device d) {
  if (d.type != DeviceType::cpu) return false;  // a CPU algorithm; GPUs use im2col
  const ConvAlgorithm a = conv_algorithm();
  if (!applies(g) || a == ConvAlgorithm::im2col || a == ConvAlgorithm::winograd) {
    return false;
  }
  if (a == ConvAlgorithm::direct) return true;
  return kernels::direct_conv_vectorized() && f <= 32 && c <= 16 &&
         narrow_waste(g.out_w, g.width + 2 * g.pad_w);
}

NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d) {
  const int64_t n = x.shape()[0], c = x.shape()[1], f = w.shape()[0];
  const Grid in = input_grid(g, c);
  const int64_t length = g.out_h * in.cols;  // wide outputs per plane
  NDArray y = detail::empty({n, f, g.out_h, g.out_w}, d);
  const NDArray taps = taps_of(w, false);
  const int64_t chunk = conv::chunk_images(in.image() + f * length, length, n);
  const int64_t chunks = (n + chunk - 1) / chunk, tasks = conv::task_count(chunks);
  const int64_t grid_floats = in.floats(chunk);
  const conv::TaskScratch scratch(tasks, grid_floats + chunk * f * length, d);
  const int64_t x_image = c * g.height * g.width, y_image = f * g.out_h * g.out_w;
  conv::for_chunk_ranges(chunks, tasks, [&](int64_t task, int64_t first, int64_t end) {
    float* grid = scratch.of(task);
    float* wide = grid + grid_floats;
    kernels::fill(d, grid, grid_floats, 0.0f);  // the padding, for every chunk
    for (int64_t i = first; i < end; ++i) {
      const int64_t b0 = i * chunk, k = std::min(chunk, n - b0);
      place(d, ptr(x) + b0 * x_image, k, in, g.height, g.width, g.pad_h, g.pad_w, grid);
      for (int64_t j = 0; j < k; ++j) {
        kernels::direct_correlate(d, grid + j * in.image(), c, in.plane(), in.cols,
                                  g.kernel_h, g.kernel_w, ptr(taps), f,
                                  wide + j * f * length, length, length);
      }
      float* out = ptr(y) + b0 * y_image;
      crop(d, wide, k, f, g.out_h, in.cols, 0, g.out_w, out);
      if (b.defined()) {
        kernels::binary(d, kernels::Binary::add, out, ptr(b), out,
                        kernels::plan_broadcast({k, f, g.out_h * g.out_w}, {f, 1},
                                                {k, f, g.out_h * g.out_w}));
      }
    }
  });
  return y;
}

Backward::Backward(const NDArray& w, const kernels::Window2D& g, bool input_grad,
                   bool weight_grad, int64_t parts, Device d)
    : f_(w.shape()[0]), c_(w.shape()[1]), parts_(parts), g_(g), device_(d) {
  // The input gradient's convolution has the channels the other way round,
  // and its wide rows are those of padded gy.
  input_grad_ = input_grad && chosen(g, f_, c_, d) &&
                (conv_algorithm() == ConvAlgorithm::direct ||
                 narrow_waste(g.width, gy_grid(g, f_).cols));
  weight_grad_ = weight_grad && chosen(g, c_, f_, d);
  if (input_grad_) flipped_taps_ = taps_of(w, true);
  if (weight_grad_) dw_parts_ = detail::empty({parts, w.size()}, d);
}

// The two gradients use a task's scratch one after the other: the padded
// input grid and the wide gy for the weight gradient, or the padded gy grid
// and the wide dx for the input's.
int64_t Backward::scratch_floats(int64_t images) const {
  const Grid in = input_grid(g_, c_), gy = gy_grid(g_, f_);
  const int64_t for_w = in.floats(images) + images * f_ * g_.out_h * in.cols;
  const int64_t for_x = gy.floats(images) + images * c_ * g_.height * gy.cols;
  return std::max(weight_grad_ ? for_w : 0, input_grad_ ? for_x : 0);
}

void Backward::input_grad(const float* gy, float* dx, int64_t k, float* scratch) const {
  const Grid grid = gy_grid(g_, f_);
  const int64_t length = g_.height * grid.cols;  // the rows of dx, wide
  float* wide = scratch + grid.floats(k);
  kernels::fill(device_, scratch, grid.floats(k), 0.0f);
  place(device_, gy, k, grid, g_.out_h, g_.out_w, g_.kernel_h - 1, g_.kernel_w - 1,
        scratch);
  for (int64_t j = 0; j < k; ++j) {
    // Output row py of the padded input is row py of the wide grid; dx's
    // rows start at py = pad_h.
    kernels::direct_correlate(device_, scratch + j * grid.image() + g_.pad_h * grid.cols,
                              f_, grid.plane(), grid.cols, g_.kernel_h, g_.kernel_w,
                              ptr(flipped_taps_), c_, wide + j * c_ * length, length,
                              length);
  }
  crop(device_, wide, k, c_, g_.height, grid.cols, g_.pad_w, g_.width, dx);
}

void Backward::add_weight_grad(const float* x, const float* gy, int64_t k, int64_t part,
                               bool first, float* scratch) const {
  const Grid in = input_grid(g_, c_);
  const int64_t length = g_.out_h * in.cols;
  float* wide_gy = scratch + in.floats(k);  // zeros in the dropped columns
  kernels::fill(device_, scratch, in.floats(k) + k * f_ * length, 0.0f);
  place(device_, x, k, in, g_.height, g_.width, g_.pad_h, g_.pad_w, scratch);
  const Grid gy_wide{f_, g_.out_h, in.cols, g_.kernel_w};
  place(device_, gy, k, gy_wide, g_.out_h, g_.out_w, 0, 0, wide_gy);
  float* dw = ptr(dw_parts_) + part * f_ * c_ * g_.kernel_h * g_.kernel_w;
  if (first) kernels::fill(device_, dw, f_ * c_ * g_.kernel_h * g_.kernel_w, 0.0f);
  kernels::direct_weight_grad(device_, scratch, c_, in.plane(), in.image(), in.cols,
                              g_.kernel_h, g_.kernel_w, wide_gy, f_, length, f_ * length,
                              k, length, dw);
}

NDArray Backward::weight_grad_total(const Shape& w_shape) const {
  NDArray dw = parts_ == 1 ? dw_parts_ : nd::sum(dw_parts_, 0);
  return dw.reshape(w_shape);
}

}  // namespace d2l::nd::direct
