// Every run-time misuse the library reports is a d2l::Error, so one handler in
// a learner's program catches them all: bad indices, missing files, bad
// arguments to the book's helpers, in-place writes autograd cannot follow.
#include <catch2/catch.hpp>

#include "d2l/d2l.hpp"

using namespace d2l;

TEST_CASE("indexing, files, helpers and autograd misuse throw d2l::Error", "[errors]") {
  auto X = nd::arange(6).reshape({2, 3});
  CHECK_THROWS_AS(X[{2}], d2l::Error);  // row 2 of 2 rows
  CHECK_THROWS_AS((X[{0, 5}]), d2l::Error);
  CHECK_THROWS_AS(nd::load("/nonexistent/x.npy"), d2l::Error);
  book::Accumulator metric(2);
  CHECK_THROWS_AS(metric.add(1, 2, 3), d2l::Error);
  CHECK_THROWS_AS(metric[2], d2l::Error);
  CHECK_THROWS_AS(book::get_fashion_mnist_labels(NDArray{11}), d2l::Error);
  NDArray x{1, 2};
  x.attach_grad();
  autograd::record rec;
  CHECK_THROWS_AS(x += 1, d2l::Error);
}
