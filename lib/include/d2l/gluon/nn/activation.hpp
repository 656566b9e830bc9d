#pragma once
/// @file activation.hpp
/// Activation: an elementwise nonlinearity as a layer (MXNet's `nn.Activation`),
/// and the one lookup of activation names that Dense and Conv2D share.

#include <string>

#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// The nonlinearities a layer applies by name (MXNet's `act_type`).
enum class ActivationType {
  none,     ///< "": the identity
  relu,     ///< "relu": max(x, 0)
  sigmoid,  ///< "sigmoid": 1 / (1 + exp(-x))
  tanh,     ///< "tanh"
  softrelu  ///< "softrelu": log(1 + exp(x))
};

/// The activation called `name`: "relu", "sigmoid", "tanh", "softrelu", or ""
/// for none. Any other name is an error from `op` (the layer that asks) that
/// lists the known names.
ActivationType activation_type(const std::string& name, const char* op);

/// `type` applied to x (a recorded op, so gradients flow); none returns x.
NDArray activate(const NDArray& x, ActivationType type);

/// One activation as a layer, any shape -> the same shape:
/// `net.add(nn::Conv2D(6, 5), nn::BatchNorm(), nn::Activation("sigmoid"))`.
class Activation : public Block {
 public:
  /// "relu", "sigmoid", "tanh" or "softrelu" (MXNet's `act_type`).
  explicit Activation(const std::string& act_type);
  NDArray forward(const NDArray& x) override;
  /// `Activation(relu)`, as Gluon prints it.
  std::string repr() const override;
  /// The name given at construction: "relu".
  const std::string& act_type() const { return name_; }

 private:
  std::string name_;
  ActivationType type_;
};

}  // namespace d2l::gluon::nn
