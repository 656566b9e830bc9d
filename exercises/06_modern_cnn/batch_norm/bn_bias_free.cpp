// Exercise 1 of "Batch Normalization": write the training-mode normalization
// (batch statistics; no moving averages needed here) for dense outputs
// (N, C) and convolution outputs (N, C, H, W), with gamma and beta given as
// (C) arrays. The check compares it with nd::batch_norm and then shows the
// point of the exercise: a bias added to a channel before the normalization
// leaves its output unchanged, so the layer before does not need one.
//
// Check it: bash scripts/exercise.sh bn_bias_free
#include "bn_bias_free.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray batch_norm_train(const NDArray& X, const NDArray& gamma, const NDArray& beta,
                         float eps) {
  exercise::todo("batch_norm_train");  // your answer here: replace this line
}
