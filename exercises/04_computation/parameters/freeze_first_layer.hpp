// Exercise 2: freeze the first layer, train, and see that only the others move.
#pragma once
#include "d2l/gluon.hpp"  // d2l::nn and d2l::init
#include "d2l/gluon/nn/sequential.hpp"
#include "d2l/ndarray.hpp"

/// Freezes the first layer of `net` (net[0]: its gradients are not computed and
/// it is not updated), then trains the whole network for `steps` full-batch SGD
/// steps of rate `lr` on the squared loss (gluon::loss::L2Loss) of net(X)
/// against y. `net` is initialized already.
void train_frozen_first(d2l::nn::Sequential& net, const d2l::NDArray& X,
                        const d2l::NDArray& y, int steps, float lr);
