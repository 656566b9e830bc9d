#pragma once
/// @file flatten.hpp
/// Flatten: keeps the batch axis and joins the others (MXNet's `nn.Flatten`).

#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// (N, a, b, ...) -> (N, a*b*...), a view of the same elements.
class Flatten : public Block {
 public:
  NDArray forward(const NDArray& x) override;
  /// `Flatten`, as Gluon prints it.
  std::string repr() const override;
};

}  // namespace d2l::gluon::nn
