// Exercise 5: with every weight set to the same constant, the hidden units get identical
// gradients.
#pragma once
#include <cstdint>

#include "d2l/ndarray.hpp"

/// The gradients of the two weight matrices.
struct MlpGrads {
  d2l::NDArray W1;  ///< (num_inputs, num_hiddens): column j feeds hidden unit j
  d2l::NDArray W2;  ///< (num_hiddens, num_outputs): row j leaves hidden unit j
};

/// The gradients of W1 and W2 for the network of
/// "Implementation of Multilayer Perceptrons from Scratch",
/// `relu(X W1 + b1) W2 + b2`, with the mean softmax cross-entropy loss on the
/// batch `X` (n, num_inputs) with labels `y` (n,), when W1 and W2 (shape
/// (num_hiddens, num_outputs)) have every entry equal to `c` and b1, b2 are 0.
MlpGrads constant_init_grad(const d2l::NDArray& X, const d2l::NDArray& y,
                            int64_t num_hiddens, int64_t num_outputs, float c);
