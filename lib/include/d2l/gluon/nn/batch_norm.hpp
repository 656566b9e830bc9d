#pragma once
/// @file batch_norm.hpp
/// BatchNorm: batch normalization as a layer (MXNet's `nn.BatchNorm`).

#include <cstdint>

#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// Options of BatchNorm, in MXNet's order, for designated initializers:
/// `nn::BatchNorm({.momentum = 0.99f})`, `nn::BatchNorm({.in_channels = 6})`.
struct BatchNormOptions {
  int axis = 1;                   ///< the channel axis ((N, C) and (N, C, H, W): 1)
  float momentum = 0.9f;          ///< moving = momentum * moving + (1 - momentum) * batch
  float epsilon = 1e-5f;          ///< added to the variance before the square root
  bool center = true;             ///< learn the shift beta (else beta stays 0)
  bool scale = true;              ///< learn the scale gamma (else gamma stays 1)
  bool use_global_stats = false;  ///< normalize with the running statistics always
  int64_t in_channels = 0;        ///< channels; 0 infers them at the first forward
};

/// Normalizes each channel, then scales and shifts it: any shape with the
/// channels along `axis` -> the same shape (see nd::batch_norm).
///
/// In training mode (inside `autograd::record`) each channel is normalized with
/// the batch's mean and biased variance, and running_mean and running_var move
/// towards them by momentum; in prediction mode the running statistics are
/// used. Four parameters of shape (C), named as Gluon names them:
/// `batchnorm0_gamma` (initialized to 1), `batchnorm0_beta` (0), and
/// `batchnorm0_running_mean` (0) and `batchnorm0_running_var` (1), which have
/// grad_req null: the Trainer leaves them alone, save_parameters() saves them.
/// Their initializers are their own: `net.initialize(init::Xavier())` keeps
/// gamma at 1.
class BatchNorm : public Block {
 public:
  /// `nn::BatchNorm()` with Gluon's defaults, or with options.
  explicit BatchNorm(const BatchNormOptions& options = {});
  NDArray forward(const NDArray& x) override;
  /// `BatchNorm(axis=1, eps=1e-05, momentum=0.9, fix_gamma=False,
  /// use_global_stats=False, in_channels=6)`, `None` while unknown.
  std::string repr() const override;

  Parameter gamma;         ///< (C) scale
  Parameter beta;          ///< (C) shift
  Parameter running_mean;  ///< (C) moving mean, not trained
  Parameter running_var;   ///< (C) moving variance, not trained
  /// The options it was made with.
  const BatchNormOptions& options() const { return options_; }

 private:
  BatchNormOptions options_;
};

}  // namespace d2l::gluon::nn
