// Exercise 4: dropout that keeps survivors as they are and scales by 1 - p at prediction.
#pragma once
#include "d2l/ndarray.hpp"

/// Dropout while training, without the 1 / (1 - p) scaling: each element of
/// `X` is set to 0 with probability `drop_prob` and otherwise kept unchanged.
/// drop_prob is in [0, 1]; 0 keeps everything, 1 drops everything.
d2l::NDArray dropout_unscaled(const d2l::NDArray& X, float drop_prob);

/// What the same layer does at prediction time: every element multiplied by
/// the keep probability 1 - drop_prob, so that its output equals the
/// expected training output.
d2l::NDArray dropout_unscaled_predict(const d2l::NDArray& X, float drop_prob);
