#pragma once
/// @file linreg.hpp
/// The pieces of linear regression from scratch (the book's d2lzh functions
/// synthetic_data, data_iter, linreg, squared_loss and sgd).

#include <cstdint>
#include <utility>
#include <vector>

#include "d2l/data.hpp"
#include "d2l/ndarray.hpp"

namespace d2l::book {

/// Examples of a linear model with noise: features X ~ N(0, 1) of shape
/// `(num_examples, len(w))` and labels y = Xw + b + N(0, 0.01^2), shape
/// `(num_examples,)` for a 1-D `w`. Drawn from the global generator.
std::pair<NDArray, NDArray> synthetic_data(const NDArray& w, float b,
                                           int64_t num_examples);

/// The examples in a new random order (from the global generator, so
/// `nd::random::seed` repeats it), cut into minibatches of `batch_size`; the
/// last one is smaller when batch_size does not divide the number of examples.
/// Each Batch holds rows of `features` and `labels`:
///
///     for (const auto& [X, y] : data_iter(10, features, labels)) { ... }
std::vector<gluon::data::Batch> data_iter(int64_t batch_size, const NDArray& features,
                                          const NDArray& labels);

/// The linear model: `X w + b`, `(n, d) x (d) -> (n)`.
NDArray linreg(const NDArray& X, const NDArray& w, const NDArray& b);

/// Half the squared error per example, `(y_hat - y)^2 / 2`, with y reshaped
/// to y_hat's shape first (so `(n,)` labels work with `(n, 1)` predictions).
NDArray squared_loss(const NDArray& y_hat, const NDArray& y);

/// Minibatch stochastic gradient descent, in place and unrecorded:
/// `param -= lr * param.grad() / batch_size` for each parameter.
void sgd(const std::vector<NDArray>& params, float lr, int64_t batch_size);

}  // namespace d2l::book
