// Dataset::get and ArrayDataset: examples as rows of two host arrays, batches
// gathered by copying whole rows.
#include <cstring>

#include "core/error.hpp"
#include "d2l/data.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::data {

using d2l::detail::fail;

namespace {

// Drops the leading batch axis of length 1: (1, ...) -> (...).
NDArray drop_batch_axis(const NDArray& x) {
  return x.reshape(Shape(x.shape().begin() + 1, x.shape().end()));
}

// Copies rows `indices` of x (n, ...) into a new (len(indices), ...) array.
NDArray gather_rows(const NDArray& x, std::span<const int64_t> indices) {
  Shape shape = x.shape();
  const int64_t n = shape[0];
  const int64_t row = n > 0 ? x.size() / n : 0;
  shape[0] = int64_t(indices.size());
  NDArray out = d2l::detail::empty(shape, cpu());
  const float* src = x.data();
  float* dst = out.data();
  for (size_t k = 0; k < indices.size(); ++k) {
    const int64_t i = indices[k];
    if (i < 0 || i >= n) {
      fail("ArrayDataset", "index ", i, " is out of range for ", n, " examples");
    }
    std::memcpy(dst + int64_t(k) * row, src + i * row, size_t(row) * sizeof(float));
  }
  return out;
}

}  // namespace

std::pair<NDArray, NDArray> Dataset::get(int64_t i) const {
  const int64_t n = size();
  const int64_t j = i < 0 ? i + n : i;
  if (j < 0 || j >= n)
    fail("Dataset::get", "index ", i, " is out of range for ", n, " examples");
  const int64_t one[] = {j};
  Batch b = gather(one);
  return {drop_batch_axis(b.data), drop_batch_axis(b.label)};
}

ArrayDataset::ArrayDataset(NDArray X, NDArray y) {
  if (!X.defined() || !y.defined()) {
    fail("ArrayDataset", "X and y must both be arrays (one is an empty handle)");
  }
  if (X.ndim() == 0 || y.ndim() == 0 || X.shape()[0] != y.shape()[0]) {
    fail("ArrayDataset", "X has shape ", shape_str(X.shape()), " and y has shape ",
         shape_str(y.shape()),
         ": both need the same length along the first axis (one row per example)");
  }
  // Batches are assembled with memcpy, which needs host memory.
  X_ = X.as_in_context(cpu());
  y_ = y.as_in_context(cpu());
}

int64_t ArrayDataset::size() const { return X_.shape()[0]; }

Batch ArrayDataset::gather(std::span<const int64_t> indices) const {
  return {gather_rows(X_, indices), gather_rows(y_, indices)};
}

}  // namespace d2l::gluon::data
