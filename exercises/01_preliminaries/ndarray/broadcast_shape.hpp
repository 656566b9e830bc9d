// Exercise 2: the shape two arrays broadcast to, worked out from their shapes.
#pragma once
#include "d2l/shape.hpp"

/// The shape of `A + B` for arrays of shapes `a` and `b`, by NumPy's rules:
/// line the shapes up at their last axes, pad the shorter one with 1s in
/// front, and on each axis the lengths must be equal or one of them 1. Throws
/// (any std::exception, e.g. std::invalid_argument) when they are incompatible.
d2l::Shape broadcast_shape(const d2l::Shape& a, const d2l::Shape& b);
