#pragma once
/// @file autograd.hpp
/// Recording computations and computing gradients (MXNet's `autograd`).

#include <vector>

#include "d2l/ndarray.hpp"

namespace d2l::autograd {

/// True inside a `record` scope (and not inside a `pause` within it).
bool is_recording();
/// True in training mode: inside `record` by default. Dropout and BatchNorm
/// behave differently in training and prediction.
bool is_training();

/// While an object of this type lives, operations are recorded so that
/// backward() can compute gradients, and training mode is on:
/// `{ autograd::record rec; auto y = f(x); } y.backward();`
/// The object must have a name: `autograd::record();` makes a temporary that
/// ends at the semicolon and records nothing, so the compiler warns about it.
class record {
 public:
  /// Starts recording; `train_mode` false records in prediction mode.
  [[nodiscard("name the scope object: autograd::record rec;")]] explicit record(
      bool train_mode = true);
  /// Restores the recording state and mode from before.
  ~record();
  record(const record&) = delete;
  record& operator=(const record&) = delete;

 private:
  bool was_recording_, was_training_;
};

/// Stops recording inside a `record` scope (prediction mode by default).
class pause {
 public:
  /// Stops recording; `train_mode` true keeps training mode on.
  [[nodiscard("name the scope object: autograd::pause p;")]] explicit pause(
      bool train_mode = false);
  /// Restores the recording state and mode from before.
  ~pause();
  pause(const pause&) = delete;
  pause& operator=(const pause&) = delete;

 private:
  bool was_recording_, was_training_;
};

/// Training mode without recording (or prediction mode with `train_mode`
/// false): changes `is_training()` only.
class train_mode {
 public:
  /// Turns training mode on until the object ends.
  [[nodiscard("name the scope object: autograd::train_mode t;")]] train_mode();
  /// Restores the mode from before.
  ~train_mode();
  train_mode(const train_mode&) = delete;
  train_mode& operator=(const train_mode&) = delete;

 private:
  bool was_training_;
};

/// Prediction mode without recording: `is_training()` is false while it
/// lives (MXNet's `autograd.predict_mode()`).
class predict_mode {
 public:
  /// Turns training mode off until the object ends.
  [[nodiscard("name the scope object: autograd::predict_mode p;")]] predict_mode();
  /// Restores the mode from before.
  ~predict_mode();
  predict_mode(const predict_mode&) = delete;
  predict_mode& operator=(const predict_mode&) = delete;

 private:
  bool was_training_;
};

/// Back-propagates from several heads at once; `head_grads` (empty, or one per
/// head) weight each head as in NDArray::backward.
void backward(const std::vector<NDArray>& heads,
              const std::vector<NDArray>& head_grads = {}, bool retain_graph = false);

}  // namespace d2l::autograd
