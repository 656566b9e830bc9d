// Exercise 3: a Sequential of n copies of a block, and one of the same block n times.
#pragma once
#include <functional>
#include <memory>

#include "d2l/gluon.hpp"  // d2l::nn, the alias of d2l::gluon::nn

/// A Sequential of `n` layers, each a new block from `make()`: n independent
/// copies, each with its own parameters.
std::shared_ptr<d2l::nn::Sequential> repeat_copies(
    const std::function<std::shared_ptr<d2l::gluon::Block>()>& make, int n);

/// A Sequential that holds the one `block` `n` times: every layer is the same
/// block, so all n share its parameters.
std::shared_ptr<d2l::nn::Sequential> repeat_same(std::shared_ptr<d2l::gluon::Block> block,
                                                 int n);
