// Conv2D: nd::convolution and an activation, with deferred inference of
// in_channels at the first forward.
#include "d2l/gluon/nn/conv2d.hpp"

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

using detail::fail;

namespace {

constexpr const char* kOp = "nn::Conv2D";

void check_activation(const std::string& name) {
  if (name.empty() || name == "relu" || name == "sigmoid" || name == "tanh") return;
  fail(kOp, "unknown activation '", name,
       "' (known: \"relu\", \"sigmoid\", \"tanh\", or \"\" for none)");
}

NDArray activate(const NDArray& y, const std::string& activation) {
  if (activation == "relu") return nd::relu(y);
  if (activation == "sigmoid") return nd::sigmoid(y);
  if (activation == "tanh") return nd::tanh(y);
  return y;
}

std::string pair_str(Pair2 p) { return detail::cat("(", p.h, ", ", p.w, ")"); }

}  // namespace

Conv2D::Conv2D(const Conv2DOptions& options) : options_(options) {
  const auto& o = options;
  if (o.channels <= 0) fail(kOp, "channels must be positive, got ", o.channels);
  if (o.kernel_size.h <= 0 || o.kernel_size.w <= 0) {
    fail(kOp, "kernel_size must be positive, got ", pair_str(o.kernel_size));
  }
  if (o.in_channels < 0) {
    fail(kOp, "in_channels must be >= 0 (0: infer), got ", o.in_channels);
  }
  check_activation(o.activation);
  weight = register_parameter(
      "weight", {o.channels, o.in_channels, o.kernel_size.h, o.kernel_size.w});
  if (o.use_bias) {
    bias = register_parameter("bias", {o.channels}, GradReq::write,
                              std::make_shared<init::Zero>());
  }
}

NDArray Conv2D::forward(const NDArray& x) {
  detail::defined(x, kOp);
  const auto& o = options_;
  if (x.ndim() != 4) {
    fail(kOp, "expects input of shape (batch, channels, height, width), got ",
         shape_str(x.shape()));
  }
  if (!weight.is_initialized()) {
    weight.finish_deferred_init(
        {o.channels, x.shape()[1], o.kernel_size.h, o.kernel_size.w});
  }
  if (weight.shape()[1] != x.shape()[1]) {
    fail(kOp, "layer '", prefix(), "' expects ", weight.shape()[1],
         " input channels, but the input of shape ", shape_str(x.shape()), " has ",
         x.shape()[1]);
  }
  NDArray y = nd::convolution(x, weight.data(), bias.defined() ? bias.data() : NDArray(),
                              {.kernel = o.kernel_size,
                               .stride = o.strides,
                               .pad = o.padding,
                               .dilate = o.dilation});
  return activate(y, o.activation);
}

std::string Conv2D::repr() const {
  const auto& o = options_;
  const int64_t in = weight.shape()[1];
  std::string s = "Conv2D(" + (in ? std::to_string(in) : std::string("None")) + " -> " +
                  std::to_string(o.channels) +
                  ", kernel_size=" + pair_str(o.kernel_size) +
                  ", stride=" + pair_str(o.strides);
  if (o.padding != Pair2(0)) s += ", padding=" + pair_str(o.padding);
  if (o.dilation != Pair2(1)) s += ", dilation=" + pair_str(o.dilation);
  if (!o.use_bias) s += ", bias=False";
  if (!o.activation.empty()) s += ", Activation(" + o.activation + ")";
  return s + ")";
}

}  // namespace d2l::gluon::nn
