// Exercise 1: a layer computing the tensor reduction y_k = sum_ij W_ijk x_i x_j.
#pragma once
#include <cstdint>
#include <memory>

#include "d2l/gluon/block.hpp"

/// A layer with one parameter, `weight`, of shape (in_units, in_units, units),
/// whose forward maps a batch X (batch, in_units) to Y (batch, units) with
/// Y[n, k] = sum_{i, j} W[i, j, k] X[n, i] X[n, j], built from nd ops so that
/// autograd can train W.
std::shared_ptr<d2l::gluon::Block> make_tensor_reduction(int64_t in_units, int64_t units);
