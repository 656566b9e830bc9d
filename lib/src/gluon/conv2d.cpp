// Conv2D: nd::convolution and an activation, with deferred inference of
// in_channels at the first forward.
#include "d2l/gluon/nn/conv2d.hpp"

#include "d2l/gluon/nn/activation.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

using detail::fail;

namespace {

constexpr const char* kOp = "nn::Conv2D";

void check_activation(const std::string& name) { activation_type(name, kOp); }

std::string pair_str(Pair2 p) { return detail::cat("(", p.h, ", ", p.w, ")"); }

// How C++ writes a size: `5`, or `{3, 2}`.
std::string pair_code(Pair2 p) {
  return p.h == p.w ? std::to_string(p.h) : detail::cat("{", p.h, ", ", p.w, "}");
}

void check_at_least(const char* what, Pair2 p, int64_t least) {
  if (p.h < least || p.w < least) {
    fail(kOp, what, " must be ", least == 0 ? ">= 0" : "positive", ", got ", pair_str(p));
  }
}

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
  check_at_least("strides", o.strides, 1);
  check_at_least("padding", o.padding, 0);
  check_at_least("dilation", o.dilation, 1);
  check_activation(o.activation);
  weight = register_parameter(
      "weight", {o.channels, o.in_channels, o.kernel_size.h, o.kernel_size.w});
  if (o.use_bias) {
    bias = register_parameter("bias", {o.channels}, GradReq::write,
                              std::make_shared<init::Zero>());
  }
}

Conv2D::Conv2D(int64_t channels, Pair2 kernel_size, Pair2 strides, Pair2 padding,
               const std::string& activation)
    : Conv2D(Conv2DOptions{.channels = channels,
                           .kernel_size = kernel_size,
                           .strides = strides,
                           .padding = padding,
                           .activation = activation}) {}

Conv2D& Conv2D::strides(Pair2 s) & {
  check_at_least("strides", s, 1);
  options_.strides = s;
  return *this;
}

Conv2D& Conv2D::padding(Pair2 p) & {
  check_at_least("padding", p, 0);
  options_.padding = p;
  return *this;
}

Conv2D& Conv2D::dilation(Pair2 d) & {
  check_at_least("dilation", d, 1);
  options_.dilation = d;
  return *this;
}

Conv2D& Conv2D::activation(const std::string& name) & {
  check_activation(name);
  options_.activation = name;
  return *this;
}

Conv2D& Conv2D::use_bias(bool on) & {
  if (on == options_.use_bias) return *this;
  if (weight.is_initialized() || (bias.defined() && bias.is_initialized())) {
    fail(kOp, "use_bias: layer '", prefix(), "' has been initialized; choose use_bias ",
         "when making it: nn::Conv2D(", options_.channels, ", ",
         pair_code(options_.kernel_size), ").use_bias(", on ? "true" : "false", ")");
  }
  options_.use_bias = on;
  if (on) {
    bias = register_parameter("bias", {options_.channels}, GradReq::write,
                              std::make_shared<init::Zero>());
  } else {
    unregister_parameter(bias);
  }
  return *this;
}

Conv2D& Conv2D::in_channels(int64_t n) & {
  if (n <= 0) fail(kOp, "in_channels must be positive, got ", n);
  const int64_t known = weight.shape()[1];
  if (known != 0 && known != n) {
    fail(kOp, "in_channels: layer '", prefix(), "' already has ", known,
         " input channels and cannot take ", n);
  }
  Shape s = weight.shape();
  s[1] = n;
  weight.set_shape(s);
  options_.in_channels = n;
  return *this;
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
  return activate(y, activation_type(o.activation, kOp));
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
