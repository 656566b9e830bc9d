// Iterating over an array's first axis, as Python does (`for row in X`), and
// the book's zip(X, K) over two arrays' rows.
#include <utility>

#include "d2l/ndarray.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

using detail::fail;

namespace {
// The number of rows; a 0-d array has none to iterate over (NumPy refuses too).
int64_t rows_of(const NDArray& x, const char* op) {
  if (detail::defined(x, op).ndim() == 0) {
    fail(op,
         "a 0-d array (shape ()) has no first axis to iterate over; read its "
         "value with asscalar()");
  }
  return x.shape()[0];
}
}  // namespace

RowIterator NDArray::begin() const {
  rows_of(*this, "iteration");
  return RowIterator(*this, 0);
}
RowIterator NDArray::end() const {
  return RowIterator(*this, rows_of(*this, "iteration"));
}

NDArray RowIterator::operator*() const {
  const int64_t n = rows_of(array_, "iteration");
  if (row_ < 0 || row_ >= n) {
    fail("iteration", "row ", row_, " is outside the array of shape ",
         shape_str(array_.shape()), " (dereferenced an end iterator?)");
  }
  return std::as_const(array_)[{row_}];
}

RowPairs::RowPairs(NDArray a, NDArray b) : a_(std::move(a)), b_(std::move(b)) {
  rows_ = rows_of(a_, "zip");
  if (rows_of(b_, "zip") != rows_) {
    fail("zip", "the arrays have ", rows_, " and ", b_.shape()[0], " rows (shapes ",
         shape_str(a_.shape()), " and ", shape_str(b_.shape()),
         "); zip pairs rows one to one, so both need the same first axis");
  }
}

std::pair<NDArray, NDArray> RowPairs::operator[](int64_t i) const {
  return {a_.begin()[i], b_.begin()[i]};
}

RowPairs zip(const NDArray& a, const NDArray& b) { return RowPairs(a, b); }

}  // namespace d2l
