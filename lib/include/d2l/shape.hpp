#pragma once
/// @file shape.hpp
/// Shapes of arrays: a list of axis lengths, NumPy style.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace d2l {

/// The length of each axis, outermost first: `{2, 3}` is 2 rows of 3 columns.
/// An empty shape `{}` is a scalar (one element).
using Shape = std::vector<int64_t>;

/// The number of elements a shape holds (1 for the scalar shape `{}`); a
/// d2l::Error when the product passes 2^63.
int64_t shape_size(const Shape& shape);

/// A shape written as in NumPy: `(2, 3)`, `(5,)`, `()`.
std::string shape_str(const Shape& shape);

/// One or more axes for reductions: `0`, `{0, 1}`, or none (`{}`: every axis).
/// Negative axes count from the end, as in NumPy.
struct Axes {
  /// The axes; empty means every axis.
  std::vector<int> list;
  /// Every axis.
  Axes() = default;
  /// One axis: `x.sum(0)`.
  Axes(int axis) : list{axis} {}  // NOLINT: an int is one axis
  /// Several axes: `x.sum({0, 1})`.
  Axes(std::initializer_list<int> axes) : list(axes) {}
  /// True when the reduction covers every axis.
  bool all() const { return list.empty(); }
};

}  // namespace d2l
