#include "d2l/shape.hpp"

#include "core/error.hpp"
#include "core/shape_check.hpp"

namespace d2l {

int64_t shape_size(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    // A product past 2^63 would wrap to a small or negative size, and an array
    // of that "size" would be read past its end.
    if (__builtin_mul_overflow(n, d, &n)) {
      detail::fail("shape", "the shape ", shape_str(shape),
                   " has more elements than an array can hold (2^63)");
    }
  }
  return n;
}

std::string shape_str(const Shape& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

namespace detail {
int64_t checked_size(const Shape& shape, const char* op) {
  for (int64_t d : shape) {
    if (d < 0) fail(op, "negative axis length in shape ", shape_str(shape));
  }
  int64_t n = 1;
  for (int64_t d : shape) {
    if (__builtin_mul_overflow(n, d, &n)) {
      fail(op, "the shape ", shape_str(shape),
           " has more elements than an array can hold (2^63)");
    }
  }
  if (n > kMaxElements) {
    fail(op, "the shape ", shape_str(shape), " holds ", n,
         " elements, more than the 2^40 (4 TiB of float32) an array may have");
  }
  return n;
}

int normalize_axis(int axis, int ndim, const char* op) {
  int a = axis < 0 ? axis + ndim : axis;
  if (a < 0 || a >= ndim) {
    fail(op, "axis ", axis, " is out of range for an array with ", ndim,
         " axes (valid: ", -ndim, " to ", ndim - 1, ")");
  }
  return a;
}
}  // namespace detail

}  // namespace d2l
