// The comparison operators: array with array, and array with a number on either
// side. Each gives a float32 array of 1 (true) and 0 (false), as MXNet does; the
// nd:: functions behind them (nd::equal, ...) live in elementwise.cpp.
#include "d2l/ops.hpp"

namespace d2l {

namespace {
NDArray scalar(float v, const NDArray& like) { return nd::full({}, v, like.context()); }
}  // namespace

NDArray operator==(const NDArray& a, const NDArray& b) { return nd::equal(a, b); }
NDArray operator!=(const NDArray& a, const NDArray& b) { return nd::not_equal(a, b); }
NDArray operator<(const NDArray& a, const NDArray& b) { return nd::lesser(a, b); }
NDArray operator<=(const NDArray& a, const NDArray& b) { return nd::lesser_equal(a, b); }
NDArray operator>(const NDArray& a, const NDArray& b) { return nd::greater(a, b); }
NDArray operator>=(const NDArray& a, const NDArray& b) { return nd::greater_equal(a, b); }

NDArray operator==(const NDArray& a, float b) { return a == scalar(b, a); }
NDArray operator!=(const NDArray& a, float b) { return a != scalar(b, a); }
NDArray operator<(const NDArray& a, float b) { return a < scalar(b, a); }
NDArray operator<=(const NDArray& a, float b) { return a <= scalar(b, a); }
NDArray operator>(const NDArray& a, float b) { return a > scalar(b, a); }
NDArray operator>=(const NDArray& a, float b) { return a >= scalar(b, a); }

NDArray operator==(float a, const NDArray& b) { return scalar(a, b) == b; }
NDArray operator!=(float a, const NDArray& b) { return scalar(a, b) != b; }
NDArray operator<(float a, const NDArray& b) { return scalar(a, b) < b; }
NDArray operator<=(float a, const NDArray& b) { return scalar(a, b) <= b; }
NDArray operator>(float a, const NDArray& b) { return scalar(a, b) > b; }
NDArray operator>=(float a, const NDArray& b) { return scalar(a, b) >= b; }

}  // namespace d2l
