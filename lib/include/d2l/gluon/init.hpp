#pragma once
/// @file init.hpp
/// Initializers fill a parameter's array when a network is initialized
/// (MXNet's `mx.init`): `net.initialize(init::Normal(0.01))`.

#include <string>

#include "d2l/ndarray.hpp"

namespace d2l::gluon {

/// Base class of initializers. `fill` looks at the parameter's name as MXNet
/// does: names ending in `bias` or `beta` get zeros, `gamma` ones, and every
/// other parameter goes to `init_weight`, which a subclass defines:
///
///     struct Ones : gluon::Initializer {
///       void init_weight(const std::string&, NDArray& w) const override {
///         w.assign(1);
///       }
///     };
class Initializer {
 public:
  virtual ~Initializer() = default;
  /// Fills `data` (already of the parameter's shape) for parameter `name`.
  virtual void fill(const std::string& name, NDArray& data) const;
  /// Fills a weight; also used for any parameter that names this initializer
  /// as its own (as Dense's bias names init::Zero).
  virtual void init_weight(const std::string& name, NDArray& data) const = 0;
};

namespace init {

/// Uniform samples from [-scale, scale): MXNet's default initializer.
class Uniform : public Initializer {
 public:
  /// Samples from [-scale, scale).
  explicit Uniform(float scale = 0.07f) : scale_(scale) {}
  void init_weight(const std::string& name, NDArray& data) const override;

 private:
  float scale_;
};

/// Normal samples with mean 0 and standard deviation `sigma`.
class Normal : public Initializer {
 public:
  /// Samples with standard deviation `sigma`: `init::Normal(0.01)`.
  explicit Normal(float sigma = 0.01f) : sigma_(sigma) {}
  void init_weight(const std::string& name, NDArray& data) const override;

 private:
  float sigma_;
};

/// Every element set to `value`.
class Constant : public Initializer {
 public:
  /// Fills with `value`: `init::Constant(1)`.
  explicit Constant(float value) : value_(value) {}
  void init_weight(const std::string& name, NDArray& data) const override;

 private:
  float value_;
};

/// Zeros (MXNet's `init.Zero()`, the default of biases).
class Zero : public Constant {
 public:
  /// Fills with 0.
  Zero() : Constant(0) {}
};

/// Ones.
class One : public Constant {
 public:
  /// Fills with 1.
  One() : Constant(1) {}
};

/// Xavier (Glorot) initialization as in MXNet's defaults: uniform samples from
/// [-s, s) with s = sqrt(magnitude / ((fan_in + fan_out) / 2)), where for a
/// weight of shape (out, in, k...) fan_in = in * k... and fan_out = out * k...
class Xavier : public Initializer {
 public:
  /// `magnitude` 3 is MXNet's default (Glorot's uniform range).
  explicit Xavier(float magnitude = 3.0f) : magnitude_(magnitude) {}
  void init_weight(const std::string& name, NDArray& data) const override;

 private:
  float magnitude_;
};

}  // namespace init
}  // namespace d2l::gluon
