#pragma once
// The primitive kernels every NDArray op is built from. Each takes the device
// its buffers live on; kernels/dispatch.cpp sends the call to src/cpu/ or
// src/cuda/ (the list is kernels/primitives.inc). The CPU-only algorithms at
// the end (Winograd, direct convolution) refuse device memory.
// All buffers are contiguous, row-major float32.

#include <cstdint>
#include <vector>

#include "d2l/device.hpp"
#include "d2l/shape.hpp"

namespace d2l::kernels {

enum class Unary {
  neg,
  exp,
  log,
  sqrt,
  square,
  abs,
  relu,
  sigmoid,
  tanh,
  step,  // 1 where x > 0, else 0: the derivative of relu
};

enum class Binary {
  add,
  sub,
  mul,
  div,
  pow,
  max,
  min,
  eq,
  ne,
  gt,
  ge,
  lt,
  le,
  // Fused gradients, (incoming gradient, saved value) -> input gradient:
  sigmoid_grad,  // g * y * (1 - y), y = sigmoid's output
  tanh_grad,     // g * (1 - y^2), y = tanh's output
  relu_grad,     // g where b > 0, else 0, b = relu's input or its output
};

enum class Reduce { sum, max, min };

/// How two inputs map onto a broadcast output: per output axis, the stride of
/// each input (0 along an axis the input broadcasts over).
struct BroadcastPlan {
  Shape out;
  std::vector<int64_t> a_strides, b_strides;
};
BroadcastPlan plan_broadcast(const Shape& a, const Shape& b, const Shape& out);
/// How one input's strides in a plan cover the output: element for element
/// (full), one value for all (single), or a real broadcast (other); axes of
/// length 1 do not count. Both backends pick their fast paths by it.
enum class InputLayout { full, single, other };
InputLayout layout_of(const std::vector<int64_t>& strides, const Shape& out);

/// A window sliding over (H, W) planes: kernel, stride, padding and dilation
/// per axis, and the output size (OH, OW) they give.
struct Window2D {
  int64_t height = 0, width = 0;
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_h = 0, pad_w = 0;
  int64_t dilate_h = 1, dilate_w = 1;
  int64_t out_h = 0, out_w = 0;
};

enum class Pool { max, avg };

#include "kernels/primitives.inc"

/// Copies between devices (either side may be the host).
void transfer(const float* src, Device src_device, float* dst, Device dst_device,
              int64_t n);

// ---- CPU-only convolution algorithms (conv_ops picks im2col on a GPU) ---------

/// Winograd's F(2x2, 3x3) and F(2x2, 5x5) for a convolution with stride 1 and
/// "same" padding (1 or 2): the (H, W) output in 2x2 tiles, TH = ceil(H / 2)
/// by TW = ceil(W / 2), each tile computed from an a x a input patch, a =
/// kernel + 1, at `positions` = a^2 points.
struct WinogradTiles {
  int64_t height = 0, width = 0, tiles_h = 0, tiles_w = 0;
  int64_t kernel = 3;  // 3 or 5
  int64_t positions() const { return (kernel + 1) * (kernel + 1); }
};
WinogradTiles winograd_tiles(int64_t height, int64_t width, int64_t kernel);
/// Whether the transforms below are vectorized on this build (AVX-512); the
/// portable ones are correct but slower than im2col.
bool winograd_vectorized();
/// (n, c, H, W) images -> v (positions, c, n*TH*TW): each tile's input patch
/// (zeros in the padding) as B^T d B.
void winograd_input(Device d, const float* x, float* v, int64_t n, int64_t c,
                    const WinogradTiles& t);
/// (f, c, k, k) kernels -> u (positions, f, c) as G g G^T; with `adjoint`, the
/// kernels of the input gradient, rotated 180 degrees, as u (positions, c, f).
void winograd_weights(Device d, const float* w, float* u, int64_t f, int64_t c,
                      const WinogradTiles& t, bool adjoint);
/// m (positions, f, n*TH*TW), the products summed over channels -> y (n, f,
/// H, W) as A^T m A per tile, plus bias (f) when it is not null.
void winograd_output(Device d, const float* m, const float* bias, float* y, int64_t n,
                     int64_t f, const WinogradTiles& t);
/// For the weight gradient, the adjoint of winograd_output: gy (n, f, H, W)
/// -> m (positions, f, n*TH*TW) as A z A^T for each 2x2 tile z of gy.
void winograd_output_grad(Device d, const float* gy, float* m, int64_t n, int64_t f,
                          const WinogradTiles& t);
/// The adjoint of winograd_weights (not adjoint): du (positions, f, c) -> dw
/// (f, c, k, k), tap (p, q) of each kernel the sum over positions (i, j) of
/// G[i][p] G[j][q] du[i a + j].
void winograd_weights_grad(Device d, const float* du, float* dw, int64_t f, int64_t c,
                           const WinogradTiles& t);

/// One tap of a convolution (src/cpu/conv_taps.cpp): the output positions
/// (i, j) in rows [i0, i1) x columns [j0, j1) of an out_h x out_w plane, each
/// reading the input pixel (i * stride_h + off_h, j * stride_w + off_w) of
/// a height x width plane (inside it for every position of the rectangle).
struct TapRect {
  int64_t i0 = 0, i1 = 0, j0 = 0, j1 = 0;
  int64_t stride_h = 1, stride_w = 1, off_h = 0, off_w = 0;
  int64_t size() const { return (i1 - i0) * (j1 - j0); }
};
/// cols (c, n * r.size()) = the pixels that the tap reads from planes (c, n,
/// height, width) (channel-major, so that a channel's planes are read in one
/// stream); with `at_output`, the pixels at the output positions themselves
/// (planes out_h x out_w).
void tap_gather(Device d, const float* planes, float* cols, int64_t n, int64_t c,
                int64_t height, int64_t width, const TapRect& r, bool at_output);
/// The adjoint of tap_gather: planes += cols at the same places.
void tap_scatter_add(Device d, const float* cols, float* planes, int64_t n, int64_t c,
                     int64_t height, int64_t width, const TapRect& r, bool at_output);

/// Direct convolution with stride 1 on "wide" rows (src/cpu/direct_conv.cpp),
/// for layers with few channels. Planes have rows `width` apart (the padded
/// input's width), and output q reads input q + i * width + j for tap (i, j):
/// out[r][q] = sum over c, i, j of w_taps[((c * kh + i) * kw + j) * f + r] *
/// in[c * in_stride + q + i * width + j], for r < f and q < length. Output
/// columns that run past a row's end are garbage the caller drops; `in` must be
/// readable up to (channels - 1) * in_stride + length + (kh - 1) * width + kw - 1.
void direct_correlate(Device d, const float* in, int64_t channels, int64_t in_stride,
                      int64_t width, int64_t kh, int64_t kw, const float* w_taps,
                      int64_t f, float* out, int64_t out_stride, int64_t length);
/// Its weight gradient over `images` images: dw[r][(c * kh + i) * kw + j] +=
/// the sum over images b and q < length of gy[b * gy_image_stride + r *
/// gy_stride + q] * in[b * image_stride + c * in_stride + q + i * width + j]
/// (gy zero in the dropped columns).
void direct_weight_grad(Device d, const float* in, int64_t channels, int64_t in_stride,
                        int64_t image_stride, int64_t width, int64_t kh, int64_t kw,
                        const float* gy, int64_t f, int64_t gy_stride,
                        int64_t gy_image_stride, int64_t images, int64_t length,
                        float* dw);
/// Whether the two above are vectorized on this build (AVX-512).
bool direct_conv_vectorized();

}  // namespace d2l::kernels
