// Winograd's F(2x2, 3x3) and F(2x2, 5x5) convolutions on chunks of images:
// transform, one GEMM per position of the transformed patch (16 or 36),
// transform back (Lavin and Gray, 2015; src/cpu/winograd.cpp has the
// transforms). Per 2x2 output tile and pair of channels, 16 multiplications
// instead of im2col's 36 (3x3), or 36 instead of 100 (5x5).
#include "ndarray/conv_winograd.hpp"

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "d2l/conv_ops.hpp"
#include "d2l/error.hpp"
#include "d2l/ops.hpp"
#include "ndarray/conv_common.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

namespace {

std::atomic<ConvAlgorithm> g_algorithm{ConvAlgorithm::automatic};

}  // namespace

void set_conv_algorithm(ConvAlgorithm algorithm) { g_algorithm.store(algorithm); }

ConvAlgorithm conv_algorithm() { return g_algorithm.load(); }

// In the enum's order.
const std::vector<std::string>& conv_algorithm_names() {
  static const std::vector<std::string> names{"automatic", "im2col", "winograd", "direct",
                                              "taps"};
  return names;
}

ConvAlgorithm conv_algorithm_named(const std::string& name) {
  const auto& names = conv_algorithm_names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return ConvAlgorithm(i);
  }
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  throw d2l::Error("set_conv_algorithm: no convolution algorithm \"" + name +
                   "\"; the algorithms are " + known);
}

namespace winograd {

using detail::ptr;

namespace {

// Images per pass: the transformed inputs and products of a chunk
// (positions x channels x tiles each) within im2col's scratch budget, but at
// least 256 tiles so that the GEMMs stay efficient.
int64_t chunk_of(int64_t c, int64_t f, const kernels::WinogradTiles& t, int64_t n) {
  const int64_t tiles_per_image = t.tiles_h * t.tiles_w;
  return conv::chunk_images(t.positions() * std::max(c, f) * tiles_per_image,
                            tiles_per_image, n, 256);
}

// Scratch floats for passes over k images with c and f channels: the
// transformed inputs and the products (or transformed gy), side by side.
int64_t scratch_for(int64_t k, int64_t c, int64_t f, const kernels::WinogradTiles& t) {
  return t.positions() * (c + f) * k * t.tiles_h * t.tiles_w;
}

// One pass on k images: x (k, depth, H, W) -> y (k, rows, H, W), with u
// (positions, rows, depth) from winograd_weights: for each position xi of the
// transformed patch, m[xi] (rows, T) = u[xi] (rows, depth) x v[xi] (depth, T).
void pass(Device d, const float* u, const float* x, const float* bias, float* y,
          int64_t k, int64_t depth, int64_t rows, const kernels::WinogradTiles& t,
          float* scratch) {
  const int64_t tiles = k * t.tiles_h * t.tiles_w, positions = t.positions();
  float* v = scratch;
  float* m = scratch + positions * depth * tiles;
  kernels::winograd_input(d, x, v, k, depth, t);
  for (int64_t xi = 0; xi < positions; ++xi) {
    kernels::gemm(d, false, false, rows, tiles, depth, 1.0f, u + xi * rows * depth,
                  v + xi * depth * tiles, 0.0f, m + xi * rows * tiles);
  }
  kernels::winograd_output(d, m, bias, y, k, rows, t);
}

// The kernel size (3 or 5) when Winograd's method applies to window g:
// stride 1, no dilation, "same" padding; 0 otherwise.
int64_t winograd_kernel(const kernels::Window2D& g) {
  const bool square = g.kernel_h == g.kernel_w && (g.kernel_h == 3 || g.kernel_h == 5);
  const bool same = g.pad_h == g.kernel_h / 2 && g.pad_w == g.kernel_w / 2;
  const bool dense =
      g.stride_h == 1 && g.stride_w == 1 && g.dilate_h == 1 && g.dilate_w == 1;
  return square && same && dense ? g.kernel_h : 0;
}

kernels::WinogradTiles tiles_of(const kernels::Window2D& g) {
  return kernels::winograd_tiles(g.out_h, g.out_w, winograd_kernel(g));
}

}  // namespace

// `automatic` takes Winograd where it measured faster (bench/layer_profile),
// with the vectorized transforms only: planes whose 2x2 tiles waste little
// (at most 1.5x the outputs), and enough channels that the GEMMs, not the
// transforms, do most of the work. (A 3x3 plane needs 4 tiles, 16 outputs
// for 9: there the tap-wise convolution, checked first, is faster.)
bool chosen(const kernels::Window2D& g, int64_t c, int64_t f, Device d) {
  if (d.type != DeviceType::cpu) return false;  // a CPU algorithm; GPUs use im2col
  const ConvAlgorithm a = g_algorithm.load(std::memory_order_relaxed);
  if (winograd_kernel(g) == 0) return false;
  if (a != ConvAlgorithm::automatic) return a == ConvAlgorithm::winograd;
  const kernels::WinogradTiles t = tiles_of(g);
  const int64_t computed = 4 * t.tiles_h * t.tiles_w, wanted = g.out_h * g.out_w;
  return kernels::winograd_vectorized() && g.out_h >= 3 && g.out_w >= 3 && c >= 16 &&
         f >= 16 && 2 * computed <= 3 * wanted;
}

NDArray forward(const NDArray& x, const NDArray& w, const NDArray& b,
                const kernels::Window2D& g, Device d) {
  const int64_t n = x.shape()[0], c = x.shape()[1], f = w.shape()[0];
  const kernels::WinogradTiles t = tiles_of(g);
  NDArray y = detail::empty({n, f, g.out_h, g.out_w}, d);
  NDArray u = detail::empty({t.positions(), f, c}, d);
  kernels::winograd_weights(d, ptr(w), ptr(u), f, c, t, false);
  const int64_t chunk = chunk_of(c, f, t, n);
  const int64_t in_image = c * g.height * g.width, out_image = f * g.out_h * g.out_w;
  const int64_t chunks = (n + chunk - 1) / chunk, tasks = conv::task_count(chunks);
  const conv::TaskScratch scratch(tasks, scratch_for(chunk, c, f, t), d);
  conv::for_chunk_ranges(chunks, tasks, [&](int64_t task, int64_t first, int64_t end) {
    for (int64_t i = first; i < end; ++i) {
      const int64_t b0 = i * chunk, k = std::min(chunk, n - b0);
      pass(d, ptr(u), ptr(x) + b0 * in_image, b.defined() ? ptr(b) : nullptr,
           ptr(y) + b0 * out_image, k, c, f, t, scratch.of(task));
    }
  });
  return y;
}

Backward::Backward(const NDArray& w, const kernels::Window2D& g, bool input_grad,
                   bool weight_grad, int64_t parts, Device d)
    : f_(w.shape()[0]), c_(w.shape()[1]), parts_(parts), tiles_(tiles_of(g)), device_(d) {
  // The input gradient of such a convolution is itself one: of gy, with the
  // kernels rotated and their channels swapped.
  input_grad_ = input_grad && chosen(g, f_, c_, d);
  // For 5x5 kernels the weight gradient stays with im2col: summed over many
  // tiles in the transformed domain, F(2x2, 5x5)'s rounding reached 3e-4 of
  // the values (measured in conv_test), against 1e-6 for 3x3.
  weight_grad_ = weight_grad && tiles_.kernel == 3 && chosen(g, c_, f_, d);
  if (input_grad_) {
    u_ = detail::empty({tiles_.positions(), c_, f_}, d);
    kernels::winograd_weights(d, ptr(w), ptr(u_), f_, c_, tiles_, true);
  }
  if (weight_grad_) du_parts_ = detail::empty({parts, tiles_.positions() * f_ * c_}, d);
}

int64_t Backward::scratch_floats(int64_t images) const {
  return input_grad_ || weight_grad_ ? scratch_for(images, c_, f_, tiles_) : 0;
}

void Backward::input_grad(const float* gy, float* dx, int64_t k, float* scratch) const {
  pass(device_, ptr(u_), gy, nullptr, dx, k, f_, c_, tiles_, scratch);
}

// y = A^T [sum over c of u[f][c] . v[c]] A per tile, so the gradient of
// u[xi][f][c] is the sum over tiles of (A gy A^T)[xi][f] v[xi][c]: one GEMM
// (F, T) x (T, C) per position.
void Backward::add_weight_grad(const float* x, const float* gy, int64_t k, int64_t part,
                               bool first, float* scratch) const {
  const int64_t tiles = k * tiles_.tiles_h * tiles_.tiles_w;
  const int64_t positions = tiles_.positions();
  float* v = scratch;
  float* z = scratch + positions * c_ * tiles;
  kernels::winograd_input(device_, x, v, k, c_, tiles_);
  kernels::winograd_output_grad(device_, gy, z, k, f_, tiles_);
  float* du = ptr(du_parts_) + part * positions * f_ * c_;
  for (int64_t xi = 0; xi < positions; ++xi) {
    kernels::gemm(device_, false, true, f_, c_, tiles, 1.0f, z + xi * f_ * tiles,
                  v + xi * c_ * tiles, first ? 0.0f : 1.0f, du + xi * f_ * c_);
  }
}

NDArray Backward::weight_grad_total(const Shape& w_shape) const {
  NDArray du = parts_ == 1 ? du_parts_ : nd::sum(du_parts_, 0);
  NDArray dw = detail::empty(w_shape, device_);
  kernels::winograd_weights_grad(device_, ptr(du), ptr(dw), f_, c_, tiles_);
  return dw;
}

}  // namespace winograd
}  // namespace d2l::nd
