// Shape mismatches and out-of-range arguments in every family of ops: each is
// refused with the op and the shapes named, never read past a buffer.
#include "catalogue.hpp"

using namespace catalogue;
using namespace d2l;

TEST_CASE("ops: elementwise shapes that do not broadcast", "[catalogue][ops]") {
  expect_named_error([] { nd::ones({2, 3}) + nd::ones({4}); }, {"add", "(2, 3)", "(4,)"});
  auto x = nd::ones({2, 3});
  expect_named_error([&] { x += nd::ones({3, 2}); }, {"(2, 3)", "(3, 2)"});
}

TEST_CASE("ops: a reduction over an axis that is not there", "[catalogue][ops]") {
  expect_named_error([] { nd::sum(nd::ones({2, 3}), {2}); }, {"sum", "axis 2"});
  expect_named_error([] { nd::argmax(nd::ones({2, 3}), -3); }, {"argmax", "-3"});
}

TEST_CASE("ops: dot of shapes that do not match", "[catalogue][ops]") {
  expect_named_error(
      [] {
        nd::dot(nd::ones({2, 3}), nd::ones({4, 5}));
      },
      {"dot", "(2, 3)", "(4, 5)"});
  expect_named_error(
      [] {
        nd::batch_dot(nd::ones({2, 3, 4}), nd::ones({3, 4, 5}));
      },
      {"batch_dot", "(2, 3, 4)", "(3, 4, 5)"});
}

TEST_CASE("ops: layout ops given the wrong sizes", "[catalogue][ops]") {
  expect_named_error(
      [] {
        nd::ones({2, 3}).reshape({4, 2});
      },
      {"reshape", "(2, 3)", "(4, 2)"});
  expect_named_error(
      [] {
        nd::concat({nd::ones({2, 3}), nd::ones({3, 2})}, 1);
      },
      {"concat", "(2, 3)", "(3, 2)"});
  expect_named_error([] { nd::transpose(nd::ones({2, 3}), {0, 0}); }, {"transpose"});
  expect_named_error(
      [] {
        nd::slice_axis(nd::ones({2, 3}), 1, 2, 5);
      },
      {"slice_axis", "5"});
  expect_named_error([] { nd::stack({nd::ones({2}), nd::ones({3})}); }, {"stack"});
}

TEST_CASE("ops: lists of no arrays, and empty arrays", "[catalogue][ops]") {
  expect_named_error([] { nd::concat({}); }, {"concat", "at least one array"});
  expect_named_error([] { nd::add_n(std::vector<NDArray>{}); },
                     {"add_n", "at least one array"});
  expect_named_error([] { nd::stack({}); }, {"stack"});
  expect_named_error([] { NDArray() + nd::ones({2}); }, {"empty"});
}

TEST_CASE("ops: shapes past what any machine holds", "[catalogue][ops]") {
  const int64_t big = int64_t(1) << 32;
  expect_named_error(
      [&] {
        nd::broadcast_to(nd::ones({1, 1}), {big, big});
      },
      {"(4294967296, 4294967296)"});
  expect_named_error([&] { nd::arange(4).reshape({big, big, 0, -1}); }, {"reshape"});
  expect_named_error(
      [&] {
        nd::arange(4).reshape({big, big, big});
      },
      {"reshape", "more elements than an array can hold"});
}

TEST_CASE("ops: indices out of range", "[catalogue][ops]") {
  expect_named_error([] { nd::take(nd::ones({4, 2}), NDArray{1, 7}); }, {"take", "7"});
  expect_named_error([] { nd::pick(nd::ones({2, 3}), NDArray{0, 3}); }, {"pick", "3"});
  expect_named_error([] { nd::ones({2, 3})[{2}]; }, {"2"});
}

TEST_CASE("ops: a loss whose labels do not fit the logits", "[catalogue][ops]") {
  expect_named_error(
      [] {
        nd::softmax_cross_entropy(nd::ones({4, 10}), NDArray{1, 2, 3});
      },
      {"softmax_cross_entropy", "(4, 10)", "(3,)"});
  expect_named_error(
      [] {
        nd::softmax_cross_entropy(nd::ones({2, 10}), NDArray{1, 10});
      },
      {"10"});
}

TEST_CASE("ops: convolution with mismatched channels or a kernel too large",
          "[catalogue][ops]") {
  const auto x = nd::ones({1, 3, 8, 8});
  expect_named_error(
      [&] {
        nd::convolution(x, nd::ones({4, 2, 3, 3}), nd::zeros({4}), {});
      },
      {"convolution", "(1, 3, 8, 8)", "(4, 2, 3, 3)"});
  expect_named_error(
      [&] {
        nd::convolution(x, nd::ones({4, 3, 9, 9}), nd::zeros({4}), {});
      },
      {"convolution", "(9, 9)", "larger than the padded input"});
  expect_named_error(
      [&] {
        nd::convolution(nd::ones({3, 8, 8}), nd::ones({4, 3, 3, 3}), nd::zeros({4}), {});
      },
      {"convolution", "(3, 8, 8)"});
}

TEST_CASE("ops: pooling with a window larger than the image", "[catalogue][ops]") {
  expect_named_error(
      [] {
        nd::pooling(nd::ones({1, 1, 2, 2}), {.kernel = 3});
      },
      {"pooling", "(1, 1, 2, 2)"});
  expect_named_error(
      [] {
        nd::pooling(nd::ones({1, 1, 4, 4}), {.kernel = 2, .type = "median"});
      },
      {"pooling", "median"});
}

TEST_CASE("ops: batch norm statistics of the wrong size", "[catalogue][ops]") {
  const auto x = nd::ones({2, 3, 4, 4});
  expect_named_error(
      [&] {
        nd::batch_norm(x, nd::ones({4}), nd::zeros({3}), nd::zeros({3}), nd::ones({3}));
      },
      {"BatchNorm", "gamma", "(4,)", "3 channels"});
}

TEST_CASE("ops: layers given inputs they cannot take", "[catalogue][ops]") {
  nn::Dense dense(3);
  dense.initialize();
  dense(nd::ones({1, 4}));
  expect_named_error([&] { dense(nd::ones({1, 5})); }, {"Dense", "5", "4"});
  nn::Conv2D conv(4, 3);
  conv.initialize();
  expect_named_error([&] { conv(nd::ones({8, 8})); }, {"Conv2D", "(8, 8)"});
}
