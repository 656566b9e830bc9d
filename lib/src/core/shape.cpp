#include "d2l/shape.hpp"

#include "core/error.hpp"

namespace d2l {

int64_t shape_size(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
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
