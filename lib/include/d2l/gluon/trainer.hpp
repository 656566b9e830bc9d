#pragma once
/// @file trainer.hpp
/// Trainer: applies an optimizer to a set of parameters (MXNet's
/// `gluon.Trainer`).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "d2l/gluon/parameter.hpp"

namespace d2l::gluon {

/// Hyperparameters of the optimizer, for designated initializers:
/// `{.learning_rate = 0.1, .wd = 1e-4, .momentum = 0.9}`.
struct TrainerOptions {
  /// The step size of each update.
  float learning_rate = 0.01f;
  float wd = 0;        ///< weight decay: adds wd * w to each gradient
  float momentum = 0;  ///< 0 is plain SGD
};

/// Updates parameters from their gradients. With SGD, step(batch_size) does
/// for each parameter w with gradient g (grad_req null ones are skipped):
///
///     d = g / batch_size + wd * wd_mult * w
///     without momentum:  w -= lr * lr_mult * d
///     with momentum:     v = momentum * v - lr * lr_mult * d;  w += v
///
/// in place, into buffers allocated at the first step only. Give weights and
/// biases different weight decay with two Trainers over
/// `collect_params(".*weight")` and `collect_params(".*bias")`, or with
/// Parameter::set_wd_mult.
class Trainer {
 public:
  /// `optimizer` is "sgd" (the only one so far).
  Trainer(const ParameterDict& params, const std::string& optimizer,
          const TrainerOptions& options = {});
  /// Frees the optimizer's buffers.
  ~Trainer();
  /// Moves the parameters and the optimizer's buffers.
  Trainer(Trainer&&) noexcept;
  /// Moves another Trainer's parameters and buffers into this one.
  Trainer& operator=(Trainer&&) noexcept;

  /// One update; gradients are divided by `batch_size` first (the sum of a
  /// batch's losses becomes their mean).
  void step(int64_t batch_size);
  /// The current learning rate.
  float learning_rate() const { return options_.learning_rate; }
  /// Changes the learning rate for the next steps (a schedule); it must be a
  /// finite number >= 0.
  void set_learning_rate(float lr);
  /// The hyperparameters in use.
  const TrainerOptions& options() const { return options_; }
  /// The parameters this Trainer updates.
  const ParameterDict& params() const { return params_; }

 private:
  struct State;  // per-parameter buffers
  ParameterDict params_;
  TrainerOptions options_;
  std::vector<std::unique_ptr<State>> states_;
};

}  // namespace d2l::gluon
