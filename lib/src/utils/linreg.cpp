#include "d2l/utils/linreg.hpp"

#include <algorithm>
#include <numeric>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "ndarray/random_engine.hpp"

namespace d2l::book {

// [synthetic_data]
std::pair<NDArray, NDArray> synthetic_data(const NDArray& w, float b,
                                           int64_t num_examples) {
  auto X = nd::random::normal(0, 1, {num_examples, w.shape()[0]});
  auto y = nd::dot(X, w) + b;
  y += nd::random::normal(0, 0.01f, y.shape());
  return {X, y};
}
// [synthetic_data]

// [data_iter]
std::vector<gluon::data::Batch> data_iter(int64_t batch_size, const NDArray& features,
                                          const NDArray& labels) {
  const int64_t n = features.shape()[0];
  std::vector<int64_t> indices(static_cast<size_t>(n));
  std::iota(indices.begin(), indices.end(), 0);
  // The global engine, so that nd::random::seed repeats the order.
  std::shuffle(indices.begin(), indices.end(), detail::random_engine());
  std::vector<gluon::data::Batch> batches;
  for (int64_t i = 0; i < n; i += batch_size) {
    std::vector<float> idx(indices.begin() + i,
                           indices.begin() + std::min(i + batch_size, n));
    NDArray j(idx, {static_cast<int64_t>(idx.size())}, features.context());
    batches.push_back({nd::take(features, j), nd::take(labels, j)});
  }
  return batches;
}
// [data_iter]

// [linreg]
NDArray linreg(const NDArray& X, const NDArray& w, const NDArray& b) {
  return nd::dot(X, w) + b;
}
// [linreg]

// [squared_loss]
NDArray squared_loss(const NDArray& y_hat, const NDArray& y) {
  return nd::square(y_hat - y.reshape(y_hat.shape())) / 2;
}
// [squared_loss]

// [sgd]
void sgd(const std::vector<NDArray>& params, float lr, int64_t batch_size) {
  autograd::pause no_record;  // the update is not part of the model
  for (NDArray param : params)
    param -= lr * param.grad() / static_cast<float>(batch_size);
}
// [sgd]

}  // namespace d2l::book
