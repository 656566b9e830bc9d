// Max and average pooling over windows of NCHW images, with gradients.
#include "d2l/conv_ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;
using detail::ptr;

namespace {

constexpr const char* kOp = "pooling";

std::string pair_str(Pair2 p) { return detail::cat("(", p.h, ", ", p.w, ")"); }

kernels::Pool pool_type(const std::string& type) {
  if (type == "max") return kernels::Pool::max;
  if (type == "avg") return kernels::Pool::avg;
  fail(kOp, "unknown type '", type, "' (known: \"max\", \"avg\")");
}

// Checks the input (N, C, H, W) and options; returns the window geometry.
kernels::Window2D pool_window(const Shape& xs, const PoolingOptions& o) {
  if (xs.size() != 4) {
    fail(kOp, "expects input of shape (N, C, H, W), got ", shape_str(xs));
  }
  Pair2 kernel = o.global ? Pair2(xs[2], xs[3]) : o.kernel;
  Pair2 stride = o.global ? Pair2(1) : (o.stride == Pair2() ? kernel : o.stride);
  Pair2 pad = o.global ? Pair2(0) : o.pad;
  if (kernel.h < 1 || kernel.w < 1 || stride.h < 1 || stride.w < 1) {
    fail(kOp, "kernel and stride must be >= 1, got kernel ", pair_str(kernel),
         ", stride ", pair_str(stride));
  }
  if (pad.h < 0 || pad.w < 0 || pad.h >= kernel.h || pad.w >= kernel.w) {
    fail(kOp, "pad must be >= 0 and smaller than the kernel ", pair_str(kernel), ", got ",
         pair_str(pad));
  }
  if (xs[2] + 2 * pad.h < kernel.h || xs[3] + 2 * pad.w < kernel.w) {
    fail(kOp, "the kernel ", pair_str(kernel), " is larger than the input ",
         shape_str(xs), " with pad ", pair_str(pad));
  }
  return {.height = xs[2],
          .width = xs[3],
          .kernel_h = kernel.h,
          .kernel_w = kernel.w,
          .stride_h = stride.h,
          .stride_w = stride.w,
          .pad_h = pad.h,
          .pad_w = pad.w,
          .out_h = (xs[2] + 2 * pad.h - kernel.h) / stride.h + 1,
          .out_w = (xs[3] + 2 * pad.w - kernel.w) / stride.w + 1};
}

}  // namespace

NDArray pooling(const NDArray& x, const PoolingOptions& options) {
  detail::defined(x, kOp);
  const kernels::Pool op = pool_type(options.type);
  const kernels::Window2D g = pool_window(x.shape(), options);
  const Shape& xs = x.shape();
  const int64_t planes = xs[0] * xs[1];
  const Device d = detail::device_of(x);
  NDArray y = detail::empty({xs[0], xs[1], g.out_h, g.out_w}, d);
  if (op == kernels::Pool::max) {
    // The backward needs only where each maximum was, not x itself.
    NDArray argmax = detail::empty(y.shape(), d);
    kernels::pool2d_max(d, ptr(x), ptr(y), ptr(argmax), g, planes);
    const Shape x_shape = xs;
    return detail::record_op(
        kOp, y, {x},
        [argmax, x_shape, g, planes, d](const NDArray& gy) -> std::vector<NDArray> {
          NDArray dx = detail::empty(x_shape, d);
          kernels::pool2d_max_backward(d, ptr(gy), ptr(argmax), ptr(dx), g, planes);
          return {dx};
        });
  }
  kernels::pool2d(d, op, ptr(x), ptr(y), g, planes);
  return detail::record_op(
      kOp, y, {x}, [x, op, g, planes, d](const NDArray& gy) -> std::vector<NDArray> {
        NDArray dx = detail::empty(x.shape(), d);
        kernels::pool2d_backward(d, op, ptr(x), ptr(gy), ptr(dx), g, planes);
        return {dx};
      });
}

}  // namespace d2l::nd
