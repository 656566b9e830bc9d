// The element count of a shape an array is about to be made with, checked.
#pragma once

#include <cstdint>

#include "d2l/shape.hpp"

namespace d2l::detail {

// Far more than any machine holds (4 TiB of float32): a larger shape is a bug or
// a corrupt file, refused by name instead of failing in the allocator.
constexpr int64_t kMaxElements = int64_t(1) << 40;

// shape_size(shape), after refusing a negative axis or more than kMaxElements,
// with `op` named in the error.
int64_t checked_size(const Shape& shape, const char* op);

}  // namespace d2l::detail
