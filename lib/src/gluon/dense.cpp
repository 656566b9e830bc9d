// Dense: one fused op for x W^T + b followed by the activation, written into
// a single output buffer, with deferred inference of in_units.
#include "d2l/gluon/nn/dense.hpp"

#include "d2l/autograd.hpp"
#include "d2l/gluon/nn/activation.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

using detail::fail;

namespace {

using Act = ActivationType;

Act parse_activation(const std::string& name) {
  return activation_type(name, "nn::Dense");
}

// (n, in) x (units, in)^T + (units) -> (n, units), then the activation in place
// (relu, sigmoid or tanh; none leaves the sum as it is).
NDArray fully_connected(const NDArray& x, const NDArray& w, const NDArray& b, Act act) {
  const int64_t n = x.shape()[0], in = x.shape()[1], units = w.shape()[0];
  Device d = detail::common_device(
      "nn::Dense", b.defined() ? std::vector{x, w, b} : std::vector{x, w});
  NDArray y = detail::empty({n, units}, d);
  kernels::gemm(d, false, true, n, units, in, 1.0f, detail::ptr(x), detail::ptr(w), 0.0f,
                detail::ptr(y));
  if (b.defined()) {
    kernels::binary(d, kernels::Binary::add, detail::ptr(y), detail::ptr(b),
                    detail::ptr(y),
                    kernels::plan_broadcast({n, units}, {units}, {n, units}));
  }
  if (act == Act::relu)
    kernels::unary(d, kernels::Unary::relu, detail::ptr(y), detail::ptr(y), y.size());
  if (act == Act::sigmoid)
    kernels::unary(d, kernels::Unary::sigmoid, detail::ptr(y), detail::ptr(y), y.size());
  if (act == Act::tanh)
    kernels::unary(d, kernels::Unary::tanh, detail::ptr(y), detail::ptr(y), y.size());

  std::vector<NDArray> inputs{x, w};
  if (b.defined()) inputs.push_back(b);
  NDArray y_value = y.detach();
  return detail::record_op(
      "fully_connected", y, inputs,
      [x, w, b, y_value, act](const NDArray& g) -> std::vector<NDArray> {
        // The gradient before the activation, from its output y alone.
        NDArray gz = g;
        if (act == Act::relu) gz = g * (y_value > 0.0f);
        if (act == Act::sigmoid) gz = g * y_value * (1.0f - y_value);
        if (act == Act::tanh) gz = g * (1.0f - y_value * y_value);
        std::vector<NDArray> grads(b.defined() ? 3 : 2);
        if (detail::wants_grad(x)) grads[0] = nd::dot(gz, w);        // (n, in)
        if (detail::wants_grad(w)) grads[1] = nd::dot(gz, x, true);  // (units, in)
        if (b.defined() && detail::wants_grad(b)) grads[2] = nd::sum(gz, 0);
        return grads;
      });
}

}  // namespace

Dense::Dense(const DenseOptions& options) : options_(options) {
  if (options.units <= 0) {
    fail("nn::Dense", "units must be positive, got ", options.units);
  }
  if (options.in_units < 0) {
    fail("nn::Dense", "in_units must be >= 0 (0: infer), got ", options.in_units);
  }
  parse_activation(options.activation);
  if (!options.params.empty()) share_parameters(options.params);
  weight = register_parameter("weight", {options.units, options.in_units});
  if (options.use_bias) {
    bias = register_parameter("bias", {options.units}, GradReq::write,
                              std::make_shared<init::Zero>());
  }
}

Dense::Dense(int64_t units, const std::string& activation)
    : Dense(DenseOptions{.units = units, .activation = activation}) {}

Dense& Dense::activation(const std::string& name) & {
  parse_activation(name);
  options_.activation = name;
  return *this;
}

Dense& Dense::flatten(bool on) & {
  options_.flatten = on;
  return *this;
}

Dense& Dense::use_bias(bool on) & {
  if (on == options_.use_bias) return *this;
  if (weight.is_initialized() || (bias.defined() && bias.is_initialized())) {
    fail("nn::Dense", "use_bias: layer '", prefix(), "' has been initialized; choose ",
         "use_bias when making it: nn::Dense(", options_.units, ").use_bias(",
         on ? "true" : "false", ")");
  }
  options_.use_bias = on;
  if (on) {
    bias = register_parameter("bias", {options_.units}, GradReq::write,
                              std::make_shared<init::Zero>());
  } else {
    unregister_parameter(bias);
  }
  return *this;
}

Dense& Dense::in_units(int64_t n) & {
  if (n <= 0) fail("nn::Dense", "in_units must be positive, got ", n);
  const int64_t known = weight.shape()[1];
  if (known != 0 && known != n) {
    fail("nn::Dense", "in_units: layer '", prefix(), "' already has ", known,
         " input features and cannot take ", n);
  }
  weight.set_shape({options_.units, n});
  options_.in_units = n;
  return *this;
}

NDArray Dense::forward(const NDArray& x) {
  detail::defined(x, "nn::Dense");
  if (x.ndim() < 1 || (options_.flatten && x.ndim() < 2)) {
    fail("nn::Dense", "expects input of shape (batch, features...), got ",
         shape_str(x.shape()));
  }
  // Flatten: (batch, a, b, ...) -> (batch, a*b*...); otherwise the last axis
  // is the feature axis and the leading axes are kept.
  const int64_t in = options_.flatten ? x.size() / x.shape()[0] : x.shape().back();
  const int64_t rows = in == 0 ? 0 : x.size() / in;
  if (!weight.is_initialized()) weight.finish_deferred_init({options_.units, in});
  if (weight.shape()[1] != in) {
    fail("nn::Dense", "layer '", prefix(), "' expects ", weight.shape()[1],
         " input features, but the input of shape ", shape_str(x.shape()), " has ", in);
  }
  // relu, sigmoid and tanh run inside the fused op; softrelu after it.
  const Act act = parse_activation(options_.activation);
  const bool fused = act != Act::softrelu;
  NDArray y =
      fully_connected(x.reshape({rows, in}), weight.data(),
                      bias.defined() ? bias.data() : NDArray(), fused ? act : Act::none);
  if (!fused) y = activate(y, act);
  if (options_.flatten) return y;
  Shape out = x.shape();
  out.back() = options_.units;
  return y.reshape(out);
}

std::string Dense::repr() const {
  const int64_t in = weight.shape()[1];
  std::string act =
      options_.activation.empty() ? "linear" : "Activation(" + options_.activation + ")";
  return "Dense(" + (in ? std::to_string(in) : std::string("None")) + " -> " +
         std::to_string(options_.units) + ", " + act + ")";
}

}  // namespace d2l::gluon::nn
