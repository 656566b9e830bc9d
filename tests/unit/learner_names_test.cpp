// A learner who writes `using namespace d2l;` and then defines the book's
// helpers themselves (as the MXNet book has them do before it saves them in
// the d2l package) must get their own functions, not an ambiguous call. The
// library's versions live in d2l::book, which neither the using-directive nor
// argument-dependent lookup on NDArray reaches. This file must compile.
#include <catch2/catch.hpp>
#include <vector>

#include "d2l/d2l.hpp"

using namespace d2l;

namespace {
int calls = 0;
}

// The learner's own versions, with exactly the library's signatures.
NDArray linreg(const NDArray& X, const NDArray& w, const NDArray& b) {
  ++calls;
  return nd::dot(X, w) + b;
}
NDArray squared_loss(const NDArray& y_hat, const NDArray& y) {
  ++calls;
  auto d = y_hat - y.reshape(y_hat.shape());
  return d * d / 2;
}
void sgd(const std::vector<NDArray>& params, float lr, int64_t batch_size) {
  ++calls;
  for (NDArray p : params) p -= lr * p.grad() / static_cast<float>(batch_size);
}
double accuracy(const NDArray& y_hat, const NDArray& y) {
  ++calls;
  return nd::equal(nd::argmax(y_hat, 1), y).sum().asscalar();
}

TEST_CASE("a learner's own helpers are called, not the library's", "[names]") {
  calls = 0;
  NDArray X{{1, 2}}, w({1, 1}, {2, 1}), b{0.5f}, y({3}, {1, 1});
  w.attach_grad();
  NDArray l;
  {
    autograd::record rec;
    l = squared_loss(linreg(X, w, b), y);
  }
  l.backward();
  sgd({w}, /*lr=*/0.1f, /*batch_size=*/1);
  CHECK(accuracy(NDArray{{0, 1}}, NDArray{1}) == 1.0);
  CHECK(calls == 4);
  // The library's versions are one qualification away, as MXNet's d2l.sgd.
  CHECK(book::linreg(X, w, b).shape() == Shape{1, 1});
  CHECK(calls == 4);
}
