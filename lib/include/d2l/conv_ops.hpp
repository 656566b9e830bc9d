#pragma once
/// @file conv_ops.hpp
/// Convolution and pooling of NCHW images (MXNet's `nd.Convolution` and
/// `nd.Pooling`), each with its gradient.

#include <cstdint>
#include <string>

#include "d2l/ndarray.hpp"

namespace d2l {

/// A (height, width) pair for kernel sizes, strides, padding and dilation:
/// `5` means (5, 5), `{1, 2}` means height 1 and width 2.
struct Pair2 {
  ///@{
  /// Height and width.
  int64_t h = 0, w = 0;
  ///@}
  /// (0, 0): for options, "not given".
  constexpr Pair2() = default;
  /// The same size for both axes: `5` is (5, 5).
  constexpr Pair2(int64_t both) : h(both), w(both) {}  // NOLINT: 5 is (5, 5)
  /// Height and width apart: `{1, 2}`.
  constexpr Pair2(int64_t h_, int64_t w_) : h(h_), w(w_) {}
  /// True when both sizes are equal.
  bool operator==(const Pair2&) const = default;
};

namespace nd {

/// Options of convolution, for designated initializers:
/// `{.kernel = {5, 5}, .pad = 2}`.
struct ConvolutionOptions {
  Pair2 kernel = {};  ///< (KH, KW); (0, 0) takes it from the weight's shape
  Pair2 stride = 1;   ///< step between windows
  Pair2 pad = 0;      ///< zeros added on each side
  Pair2 dilate = 1;   ///< spacing between kernel taps (1: dense kernel)
};

/// Cross-correlation of each image with each filter, as deep learning calls
/// convolution: (N, C, H, W) x (F, C, KH, KW) -> (N, F, OH, OW), plus `bias`
/// (F) when it is defined (pass `NDArray()` for none), where
/// OH = (H + 2 pad.h - dilate.h (KH - 1) - 1) / stride.h + 1, rounded down, and
/// likewise OW.
NDArray convolution(const NDArray& x, const NDArray& weight, const NDArray& bias,
                    const ConvolutionOptions& options);

/// How convolution computes on the CPU. `automatic`, the default, takes
/// Winograd's F(2x2, 3x3) or F(2x2, 5x5) for 3x3 and 5x5 convolutions with
/// stride 1 and "same" padding (1 or 2) on planes whose 2x2 tiles waste
/// little, with 16 or more input and output channels (the output and both
/// gradients, but the weight gradient of 5x5 kernels: 2.25x and 2.8x fewer
/// multiplications); a direct convolution for stride-1 layers with few
/// channels (up to 16 in, 32 out: LeNet's), which reads shifted rows of the
/// padded image instead of building a column matrix; one GEMM per kernel tap
/// over the outputs whose input pixel exists (`taps`), for small planes where
/// padding would make 30% or more of im2col's products zeros (ResNet-18's
/// 3x3 planes at 512 channels: 49 real products of 81); and im2col + GEMM for
/// everything else. `im2col`, `winograd`, `direct` and `taps` force one
/// (Winograd and direct only where they apply), so that tests and benchmarks
/// can compare them. All give the same values up to float rounding
/// (Winograd's is a few times larger, about 1e-6 of the values for 3x3 and
/// 1e-5 for 5x5).
enum class ConvAlgorithm { automatic, im2col, winograd, direct, taps };
/// Sets the algorithm for every later convolution of the process.
void set_conv_algorithm(ConvAlgorithm algorithm);
/// The algorithm set by set_conv_algorithm (`automatic` unless changed).
ConvAlgorithm conv_algorithm();
/// The algorithms by name, as command lines spell them ("automatic", "im2col",
/// "winograd", "direct", "taps").
const std::vector<std::string>& conv_algorithm_names();
/// The algorithm named `name`; a d2l::Error listing the names otherwise.
ConvAlgorithm conv_algorithm_named(const std::string& name);

/// Options of pooling: `{.kernel = 2}` is 2x2 max pooling with stride 2.
struct PoolingOptions {
  Pair2 kernel = {};         ///< window (KH, KW)
  Pair2 stride = {};         ///< step between windows; (0, 0): the kernel
  Pair2 pad = 0;             ///< padding on each side (ignored by max)
  std::string type = "max";  ///< "max" or "avg"
  bool global = false;       ///< one window over the whole image: (OH, OW) = (1, 1)
};

/// Max or average over windows of each channel: (N, C, H, W) -> (N, C, OH, OW),
/// with OH = (H + 2 pad.h - KH) / stride.h + 1 rounded down (MXNet's "valid"
/// convention), and likewise OW. Average pooling divides by the full window
/// size, padding included (MXNet's count_include_pad). The gradient of max
/// pooling goes to the first maximal element of each window, in row-major
/// order.
NDArray pooling(const NDArray& x, const PoolingOptions& options);

}  // namespace nd
}  // namespace d2l
