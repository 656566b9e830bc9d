// Exercise 2: a parallel block, concat(a(x), b(x)) along axis 1.
#pragma once
#include <memory>

#include "d2l/gluon/block.hpp"

/// A block whose forward(x) is the concatenation of a(x) and b(x) along axis 1
/// (a's columns first). `a` and `b` are its children: initialize() and
/// collect_params() on it reach their parameters.
std::shared_ptr<d2l::gluon::Block> make_parallel(std::shared_ptr<d2l::gluon::Block> a,
                                                 std::shared_ptr<d2l::gluon::Block> b);
