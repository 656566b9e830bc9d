#pragma once
/// @file dense.hpp
/// Dense: the fully connected layer, y = activation(x W^T + b).

#include <cstdint>
#include <string>
#include <utility>

#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// Options of Dense, for designated initializers:
/// `nn::Dense({.units = 10, .activation = "relu"})`. Designated initializers
/// must follow the order below; Dense's setters take any order.
struct DenseOptions {
  int64_t units = 0;            ///< output size
  std::string activation = "";  ///< "", "relu", "sigmoid", "tanh" or "softrelu"
  bool use_bias = true;         ///< add a bias (initialized to zeros)
  bool flatten = true;          ///< (batch, a, b, ...) is seen as (batch, a*b*...)
  int64_t in_units = 0;         ///< input size; 0 infers it at the first forward
  /// Another Dense's parameters to use instead of new ones (shared weights):
  /// `nn::Dense({.units = 8, .params = other.params()})`. Empty: own ones.
  ParameterDict params = ParameterDict();
};

/// A fully connected layer: (batch, in_units) -> (batch, units). The weight
/// has MXNet's layout (units, in_units); the bias is (units). The product,
/// bias and activation run as one fused op with one output buffer.
class Dense : public Block {
 public:
  /// A layer from options: `nn::Dense({.units = 10, .activation = "relu"})`.
  explicit Dense(const DenseOptions& options);
  /// `nn::Dense(256, "relu")`, as the book writes `nn.Dense(256, activation='relu')`.
  explicit Dense(int64_t units, const std::string& activation = "");

  /// Options by name, in any order, as MXNet's keyword arguments:
  /// `nn::Dense(8).flatten(false).use_bias(false)` for `nn.Dense(8,
  /// flatten=False, use_bias=False)`. Each returns the layer (an rvalue on a
  /// temporary, so that net.add(...) takes it as one). use_bias and in_units
  /// change the parameters: they must come before initialization.
  Dense& activation(const std::string& name) &;
  /// Whether (batch, a, b, ...) is seen as (batch, a*b*...).
  Dense& flatten(bool on) &;
  /// Whether to add a bias.
  Dense& use_bias(bool on) &;
  /// Input size, fixed now instead of at the first forward.
  Dense& in_units(int64_t n) &;
  /// activation() on a temporary: `nn::Dense(8).activation("relu")`.
  Dense&& activation(const std::string& name) && { return std::move(activation(name)); }
  /// flatten() on a temporary.
  Dense&& flatten(bool on) && { return std::move(flatten(on)); }
  /// use_bias() on a temporary.
  Dense&& use_bias(bool on) && { return std::move(use_bias(on)); }
  /// in_units() on a temporary.
  Dense&& in_units(int64_t n) && { return std::move(in_units(n)); }

  /// With flatten: (batch, ...) -> (batch, units); without: (..., in_units) ->
  /// (..., units).
  NDArray forward(const NDArray& x) override;
  /// `Dense(784 -> 256, Activation(relu))`, `None` while in_units is unknown.
  std::string repr() const override;

  Parameter weight;  ///< (units, in_units)
  Parameter bias;    ///< (units); empty when use_bias is false
  /// The options it was made with, setters included.
  const DenseOptions& options() const { return options_; }

 private:
  DenseOptions options_;
};

}  // namespace d2l::gluon::nn
