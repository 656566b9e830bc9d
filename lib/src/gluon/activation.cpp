// The activation lookup shared by Dense, Conv2D and Activation, and the
// Activation layer.
#include "d2l/gluon/nn/activation.hpp"

#include "d2l/nn_ops.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

ActivationType activation_type(const std::string& name, const char* op) {
  if (name.empty()) return ActivationType::none;
  if (name == "relu") return ActivationType::relu;
  if (name == "sigmoid") return ActivationType::sigmoid;
  if (name == "tanh") return ActivationType::tanh;
  if (name == "softrelu") return ActivationType::softrelu;
  detail::fail(op, "unknown activation '", name,
               "' (known: \"relu\", \"sigmoid\", \"tanh\", \"softrelu\", or \"\" for "
               "none)");
}

NDArray activate(const NDArray& x, ActivationType type) {
  switch (type) {
    case ActivationType::relu:
      return nd::relu(x);
    case ActivationType::sigmoid:
      return nd::sigmoid(x);
    case ActivationType::tanh:
      return nd::tanh(x);
    case ActivationType::softrelu:
      return nd::softrelu(x);
    case ActivationType::none:
      break;
  }
  return x;
}

Activation::Activation(const std::string& act_type)
    : name_(act_type), type_(activation_type(act_type, "nn::Activation")) {
  if (act_type.empty()) {
    detail::fail("nn::Activation", "needs an activation name: \"relu\", \"sigmoid\", ",
                 "\"tanh\" or \"softrelu\"");
  }
}

NDArray Activation::forward(const NDArray& x) {
  detail::defined(x, "nn::Activation");
  return activate(x, type_);
}

std::string Activation::repr() const { return "Activation(" + name_ + ")"; }

}  // namespace d2l::gluon::nn
