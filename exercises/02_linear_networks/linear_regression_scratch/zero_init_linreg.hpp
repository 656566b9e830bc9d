// Exercise 1: start linear regression's weights at zero and check that training still
// finds w and b.
#pragma once
#include <utility>

#include "d2l/ndarray.hpp"

/// Trains the section's linear regression on (`features` (n, d), `labels` (n))
/// with w (d, 1) and b (1) both starting at zero, minibatches of 10 from
/// book::data_iter, book::squared_loss and book::sgd at learning rate 0.03, for
/// `num_epochs` epochs. Returns {w, b}; with 0 epochs, the starting values.
std::pair<d2l::NDArray, d2l::NDArray> train_from_zero(const d2l::NDArray& features,
                                                      const d2l::NDArray& labels,
                                                      int num_epochs);
