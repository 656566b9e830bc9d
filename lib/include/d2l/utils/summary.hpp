#pragma once
/// @file summary.hpp
/// What a network looks like from the outside: the shape that comes out of
/// each of its layers, and how many numbers it learns.

#include <cstdint>
#include <string>

#include "d2l/chapter.hpp"
#include "d2l/gluon/nn/sequential.hpp"
#include "d2l/ndarray.hpp"

namespace d2l::book {

/// Feeds `X` through the layers of `net` one at a time (in prediction mode, so
/// nothing is recorded and batch statistics stay as they are) and prints a line
/// per layer, as the book's loop does:
///
///     conv0_           output shape: (1, 96, 54, 54)
///
/// Returns the network's output. Layers with deferred shapes finish their
/// initialization on the way, so the network must be initialized first.
NDArray print_output_shapes(gluon::nn::Sequential& net, NDArray X);

/// What the sections of part 06 show of a network before training it:
/// print_output_shapes() for one `side` x `side` single-channel image, then
/// `N parameters`; records `output_shape` and `num_params` in the chapter's
/// results.json. Returns the network's output.
NDArray describe_network(Chapter& chapter, gluon::nn::Sequential& net, int64_t side);

/// The number of values in all of `net`'s parameters, the running statistics
/// of BatchNorm layers included (they are saved with the weights, but not
/// trained). Every shape must be known (after a first forward pass).
int64_t num_parameters(const gluon::Block& net);

}  // namespace d2l::book
