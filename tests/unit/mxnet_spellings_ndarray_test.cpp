// What a learner writes when translating the MXNet book line by line, at the
// NDArray level: add_n, comparisons with numbers on either side, the default
// random bounds, iterating over rows and zip(X, K), the methods the book calls
// on arrays, reading a slice as an array, and nested literals of any rank.
// That this file compiles is part of the test; the cases check the values.
#include <catch2/catch.hpp>
#include <cmath>
#include <iterator>
#include <ranges>
#include <sstream>
#include <string>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;
using Catch::Matchers::Contains;

namespace {
// X[i, j] = 4 i + j
NDArray X34() { return nd::arange(12).reshape({3, 4}); }

// The book's corr2d, written from its definition (one output element at a time
// would need slice writes; here each output row is a sum of products).
NDArray corr2d(const NDArray& X, const NDArray& K) {
  const int64_t h = K.shape()[0], w = K.shape()[1];
  const int64_t oh = X.shape()[0] - h + 1, ow = X.shape()[1] - w + 1;
  std::vector<NDArray> terms;
  for (int64_t i = 0; i < h; ++i) {
    for (int64_t j = 0; j < w; ++j) {
      terms.push_back(X[{nd::slice(i, i + oh), nd::slice(j, j + ow)}] * K[{i, j}]);
    }
  }
  return nd::add_n(terms);
}

// The book's corr2d_multi_in: nd.add_n(*[corr2d(x, k) for x, k in zip(X, K)]).
NDArray corr2d_multi_in(const NDArray& X, const NDArray& K) {
  std::vector<NDArray> parts;
  for (auto [x, k] : zip(X, K)) parts.push_back(corr2d(x, k));
  return nd::add_n(parts);
}

float sum_of(const NDArray& x) { return x.sum().asscalar(); }
}  // namespace

// ---- add_n -----------------------------------------------------------------------

TEST_CASE("add_n adds any number of arrays of one shape", "[mxnet_spellings][add_n]") {
  NDArray a{1, 2}, b{10, 20}, c{100, 200};
  check_values(nd::add_n(a), {1, 2}, {2});
  check_values(nd::add_n(a, b), {11, 22}, {2});
  check_values(nd::add_n(a, b, c), {111, 222}, {2});
  check_values(nd::add_n(std::vector<NDArray>{a, b, c, a}), {112, 224}, {2});
  check_values(nd::add_n({a, c}), {101, 202}, {2});
  // The inputs are left alone and the result is new storage.
  auto y = nd::add_n(a, b);
  CHECK(y.storage_id() != a.storage_id());
  check_values(a, {1, 2}, {2});
  // Slices of a non-const array are arrays to add_n too.
  auto X = X34();
  check_values(nd::add_n(X[{0}], X[{1}], X[{2}]), {12, 15, 18, 21}, {4});
}

TEST_CASE("add_n's gradient reaches every input", "[mxnet_spellings][add_n][grad]") {
  auto a = test::uniform_input({2, 3}, -1, 1, 1);
  auto b = test::uniform_input({2, 3}, -1, 1, 2);
  auto c = test::uniform_input({2, 3}, -1, 1, 3);
  check_gradients([](const Args& in) { return nd::add_n(in[0], in[1] * in[2], in[0]); },
                  {a, b, c});
  check_gradients([](const Args& in) { return nd::add_n(in) * in[1]; }, {a, b, c});
}

TEST_CASE("add_n refuses arrays of different shapes",
          "[mxnet_spellings][add_n][errors]") {
  REQUIRE_THROWS_WITH(
      nd::add_n(nd::ones({2, 3}), nd::ones({3})),
      Contains("add_n") && Contains("(2, 3)") && Contains("(3,)") && Contains("a + b"));
  REQUIRE_THROWS_WITH(nd::add_n(std::vector<NDArray>{}), Contains("at least one"));
}

// ---- comparisons -------------------------------------------------------------------

TEST_CASE("every comparison takes a number on either side",
          "[mxnet_spellings][compare]") {
  NDArray x{3, 5, 7};
  check_values(x >= 5, {0, 1, 1}, {3});
  check_values(x <= 5, {1, 1, 0}, {3});
  check_values(x == 5, {0, 1, 0}, {3});
  check_values(x != 5, {1, 0, 1}, {3});
  check_values(x < 5, {1, 0, 0}, {3});
  check_values(x > 5, {0, 0, 1}, {3});
  check_values(5 >= x, {1, 1, 0}, {3});
  check_values(5 <= x, {0, 1, 1}, {3});
  check_values(5 == x, {0, 1, 0}, {3});
  check_values(5 != x, {1, 0, 1}, {3});
  check_values(5 < x, {0, 0, 1}, {3});
  check_values(5 > x, {1, 0, 0}, {3});
  check_values(x == 0, {0, 0, 0}, {3});
  check_values(x > 4.5, {0, 1, 1}, {3});
  check_values(x < 5.5f, {1, 1, 0}, {3});
  // A 2-D array keeps its shape; the result is float32 ones and zeros.
  auto X = X34();
  check_values(X >= 6, {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, {3, 4});
  check_values(1 != X[{nd::all, 1}], {0, 1, 1}, {3});
}

TEST_CASE("comparisons of two arrays broadcast", "[mxnet_spellings][compare]") {
  NDArray X{{1, 2, 3}, {4, 5, 6}};
  NDArray r{2, 5, 5};
  check_values(X == r, {0, 0, 0, 0, 1, 0}, {2, 3});
  check_values(X != r, {1, 1, 1, 1, 0, 1}, {2, 3});
  check_values(X < r, {1, 1, 1, 0, 0, 0}, {2, 3});
  check_values(X <= r, {1, 1, 1, 0, 1, 0}, {2, 3});
  check_values(X > r, {0, 0, 0, 1, 0, 1}, {2, 3});
  check_values(X >= r, {0, 0, 0, 1, 1, 1}, {2, 3});
}

TEST_CASE("a comparison passes no gradient", "[mxnet_spellings][compare][grad]") {
  auto x = test::uniform_input({5}, -1, 1);
  // (x > 0) * x is relu: the mask is a constant for autograd.
  check_gradients([](const Args& in) { return (in[0] > 0) * in[0]; }, {x});
  check_gradients([](const Args& in) { return (0 <= in[0]) * in[0] * in[0]; }, {x});
}

// ---- random ------------------------------------------------------------------------

TEST_CASE("random::uniform(shape) draws from [0, 1)", "[mxnet_spellings][random]") {
  nd::random::seed(3);
  auto u = nd::random::uniform({100, 50});
  CHECK(u.shape() == Shape{100, 50});
  auto v = u.to_vector();
  CHECK(*std::min_element(v.begin(), v.end()) >= 0.0f);
  CHECK(*std::max_element(v.begin(), v.end()) < 1.0f);
  CHECK(u.mean().asscalar() == Approx(0.5).margin(0.02));
  // The same generator as the three-argument form: a seed repeats the draw.
  nd::random::seed(3);
  CHECK(nd::random::uniform(0, 1, {100, 50}).to_vector() == v);
  // The explicit bounds still work.
  auto w = nd::random::uniform(-3, -2, {1000}).to_vector();
  CHECK(*std::min_element(w.begin(), w.end()) >= -3.0f);
  CHECK(*std::max_element(w.begin(), w.end()) < -2.0f);
}

TEST_CASE("random::normal(shape) has mean 0 and std 1", "[mxnet_spellings][random]") {
  nd::random::seed(4);
  auto z = nd::random::normal({20000});
  CHECK(z.shape() == Shape{20000});
  CHECK(z.mean().asscalar() == Approx(0).margin(0.03));
  CHECK(nd::sqrt(nd::square(z).mean()).asscalar() == Approx(1).margin(0.03));
}

// ---- iterating over the first axis --------------------------------------------------

static_assert(std::ranges::random_access_range<NDArray>);
static_assert(std::ranges::random_access_range<const NDArray>);

TEST_CASE("for (auto row : X) visits the rows", "[mxnet_spellings][iteration]") {
  auto X = X34();
  std::vector<std::vector<float>> rows;
  for (auto row : X) {
    CHECK(row.shape() == Shape{4});
    rows.push_back(row.to_vector());
  }
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<float>{0, 1, 2, 3});
  CHECK(rows[2] == std::vector<float>{8, 9, 10, 11});
  // The number of rows, not of elements (x.size() stays MXNet's element count).
  CHECK(std::ranges::size(X) == 3);
  CHECK(std::ranges::distance(X) == 3);
  CHECK(X.size() == 12);
  // Indexable rows, as X[i] in Python.
  CHECK(X.begin()[1].to_vector() == std::vector<float>{4, 5, 6, 7});
  CHECK((*(X.end() - 1)).to_vector() == std::vector<float>{8, 9, 10, 11});
  // Rows of a 3-D array are matrices; rows of a 1-D array are scalars.
  int n = 0;
  for (auto m : nd::arange(24).reshape({2, 3, 4})) {
    CHECK(m.shape() == Shape{3, 4});
    CHECK(m[{0, 0}].asscalar() == 12.0f * n++);
  }
  CHECK(n == 2);
  std::vector<float> scalars;
  for (auto v : NDArray{7, 8, 9}) {
    CHECK(v.ndim() == 0);
    scalars.push_back(v.asscalar());
  }
  CHECK(scalars == std::vector<float>{7, 8, 9});
  // A row is a copy: changing it leaves X alone.
  for (auto row : X) row += 100;
  check_values(X, nd::arange(12).to_vector(), {3, 4});
  // Works with standard algorithms.
  std::vector<float> sums;
  std::ranges::transform(X, std::back_inserter(sums), sum_of);
  CHECK(sums == std::vector<float>{6, 22, 38});
  // An empty first axis gives no rows.
  int none = 0;
  for (auto row : nd::zeros({0, 3})) none += int(row.size()) + 1;
  CHECK(none == 0);
}

TEST_CASE("iterating a 0-d array is an error", "[mxnet_spellings][iteration][errors]") {
  NDArray s(std::vector<float>{5}, Shape{});
  REQUIRE_THROWS_WITH(s.begin(), Contains("0-d") && Contains("asscalar"));
  // Past the last row there is nothing to read.
  auto X = X34();
  REQUIRE_THROWS_WITH(*X.end(), Contains("row 3") && Contains("(3, 4)"));
  REQUIRE_THROWS_WITH(X.begin()[-1], Contains("row -1"));
}

TEST_CASE("rows read by iteration carry gradients",
          "[mxnet_spellings][iteration][grad]") {
  auto X = test::uniform_input({3, 4}, -1, 1, 5);
  auto w = test::uniform_input({4}, -1, 1, 6);
  check_gradients(
      [](const Args& in) {
        std::vector<NDArray> parts;
        float k = 1;
        for (auto row : in[0]) parts.push_back(row * in[1] * (k++));
        return nd::add_n(parts);
      },
      {X, w});
}

TEST_CASE("zip(X, K) pairs rows as the book's corr2d_multi_in does",
          "[mxnet_spellings][iteration][zip]") {
  // The book's example: two input channels, two kernels.
  NDArray X{{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}};
  NDArray K{{{0, 1}, {2, 3}}, {{1, 2}, {3, 4}}};
  check_values(corr2d_multi_in(X, K), {56, 72, 104, 120}, {2, 2});
  auto pairs = zip(X, K);
  CHECK(pairs.size() == 2);
  CHECK(pairs[1].first.shape() == Shape{3, 3});
  CHECK(pairs[1].second.to_vector() == std::vector<float>{1, 2, 3, 4});
  int n = 0;
  for (const auto& [x, k] : pairs) n += int(x.shape()[0] + k.shape()[0]);
  CHECK(n == 10);
  // Gradients flow to both the input and the kernels through the zipped rows.
  check_gradients([](const Args& in) { return corr2d_multi_in(in[0], in[1]); },
                  {test::uniform_input({2, 4, 3}, -1, 1, 7),
                   test::uniform_input({2, 2, 2}, -1, 1, 8)});
}

TEST_CASE("zip needs arrays with as many rows", "[mxnet_spellings][zip][errors]") {
  REQUIRE_THROWS_WITH(zip(nd::ones({2, 3}), nd::ones({3, 3})),
                      Contains("zip") && Contains("(2, 3)") && Contains("(3, 3)"));
}

// ---- methods the book calls on arrays ----------------------------------------------

TEST_CASE("log, abs, exp and take as methods", "[mxnet_spellings][methods]") {
  NDArray x{1, -2, 0.5f};
  check_values(x.abs(), {1, 2, 0.5f}, {3});
  check_values(x.abs().log(), {0, std::log(2.0f), std::log(0.5f)}, {3});
  check_values(x.exp(), {std::exp(1.0f), std::exp(-2.0f), std::exp(0.5f)}, {3});
  auto X = X34();
  // MXNet's take is along axis 0 by default: whole rows.
  check_values(X.take(NDArray{2, 0}), {8, 9, 10, 11, 0, 1, 2, 3}, {2, 4});
  check_values(X.take({1}), {4, 5, 6, 7}, {1, 4});
  check_values(X.take(NDArray{3, 0}, 1), {3, 0, 7, 4, 11, 8}, {3, 2});
  check_gradients([](const Args& in) { return in[0].abs().log() + in[0].exp(); },
                  {NDArray{0.7f, -1.3f, 2.1f}});
  check_gradients(
      [](const Args& in) {
        return in[0].take(NDArray{1, 1, 0});
      },
      {test::uniform_input({2, 3}, -1, 1)});
}

TEST_CASE("astype(float32) copies; other element types say why not",
          "[mxnet_spellings][methods][astype]") {
  NDArray y{0, 2, 1};
  for (const NDArray& z : {y.astype("float32"), y.astype(nd::float32)}) {
    check_values(z, {0, 2, 1}, {3});
    CHECK(z.storage_id() != y.storage_id());
  }
  check_gradients([](const Args& in) { return in[0].astype("float32") * in[0]; },
                  {NDArray{1, -2}});
  for (const char* other : {"int32", "float64", "uint8", "float"}) {
    REQUIRE_THROWS_WITH(y.astype(other),
                        Contains("astype") && Contains(std::string("\"") + other) &&
                            Contains("float32 only") && Contains("astype(\"float32\")"));
  }
  // astype(nd::int32) and the other tags stop at compile time (a static_assert
  // that says the same), so they cannot appear in this file.
}

TEST_CASE("zeros_like and ones_like", "[mxnet_spellings][creation]") {
  auto X = X34();
  auto z = nd::zeros_like(X), o = nd::ones_like(X);
  check_values(z, std::vector<float>(12, 0), {3, 4});
  check_values(o, std::vector<float>(12, 1), {3, 4});
  CHECK(z.context() == X.context());
  CHECK(o.storage_id() != X.storage_id());
}

// ---- reading a slice of a non-const array ---------------------------------------------

template <class T>
concept writes_in_place = requires(T t) {
  t += 1.0f;
};
// On the copy a read gives, += would change nothing in X: SliceRef has none.
static_assert(!writes_in_place<SliceRef>);
static_assert(writes_in_place<NDArray>);

TEST_CASE("a slice reads as an array", "[mxnet_spellings][slice]") {
  auto Y = X34();
  CHECK(Y[{0}].sum().asscalar() == 6);
  CHECK(Y[{1}].mean().asscalar() == 5.5f);
  CHECK(Y[{2}].max().asscalar() == 11);
  CHECK(Y[{2}].min().asscalar() == 8);
  CHECK(Y[{1, 2}].asscalar() == 6);
  CHECK(Y[{1, 2}].item() == 6);
  CHECK(Y[{1}].to_vector() == std::vector<float>{4, 5, 6, 7});
  CHECK(Y[{nd::slice(0, 2)}].shape() == Shape{2, 4});
  CHECK(Y[{nd::slice(0, 2)}].size() == 8);
  CHECK(Y[{nd::slice(0, 2)}].ndim() == 2);
  CHECK(Y[{0}].context() == cpu());
  check_values(Y[{nd::slice(0, 2)}].sum(1), {6, 22}, {2});
  check_values(Y[{nd::slice(0, 2)}].T(), {0, 4, 1, 5, 2, 6, 3, 7}, {4, 2});
  check_values(Y[{nd::slice(0, 2)}].reshape({8}), nd::arange(8).to_vector(), {8});
  check_values(Y[{nd::slice(0, 2)}].argmax(0), {1, 1, 1, 1}, {4});
  check_values(Y[{0}].exp().log(), {0, 1, 2, 3}, {4}, 1e-4f);
  check_values((-Y[{0}]).abs(), {0, 1, 2, 3}, {4});
  check_values(Y[{0}].take(NDArray{3}), {3}, {1});
  check_values(Y[{0}].astype("float32"), {0, 1, 2, 3}, {4});
  check_values(Y[{0}].astype(nd::float32), {0, 1, 2, 3}, {4});
  CHECK(Y[{0}].norm().asscalar() == Approx(std::sqrt(14.0f)));
  check_values(Y[{0}].copy(), {0, 1, 2, 3}, {4});
  check_values(Y[{0}].detach(), {0, 1, 2, 3}, {4});
  check_values(Y[{0}].as_in_context(cpu()), {0, 1, 2, 3}, {4});
  // Arithmetic, comparisons, functions of the library and one's own.
  check_values(Y[{0}] * 2, {0, 2, 4, 6}, {4});
  check_values(2 * Y[{0}] + Y[{1}], {4, 7, 10, 13}, {4});
  check_values(Y[{0}] >= 2, {0, 0, 1, 1}, {4});
  check_values(Y[{0}] == Y[{0}], {1, 1, 1, 1}, {4});
  CHECK(nd::dot(Y[{0}], Y[{1}]).asscalar() == 38);
  CHECK(sum_of(Y[{2}]) == 38);
  // Printing shows what the array would print.
  std::ostringstream a, b;
  a << Y[{1}];
  b << Y[{1}].get();
  CHECK(a.str() == b.str());
  CHECK(a.str().find("<NDArray 4 @cpu(0)>") != std::string::npos);
  // Iterating a slice.
  std::vector<float> v;
  for (auto e : Y[{1}]) v.push_back(e.asscalar());
  CHECK(v == std::vector<float>{4, 5, 6, 7});
}

TEST_CASE("a slice is read afresh at every call", "[mxnet_spellings][slice]") {
  auto Y = X34();
  auto row = Y[{0}];  // a SliceRef: reads and writes Y's first row
  CHECK(row.sum().asscalar() == 6);
  row = 5;
  CHECK(row.sum().asscalar() == 20);
  CHECK(row.to_vector() == std::vector<float>{5, 5, 5, 5});
  check_values(Y[{0}], {5, 5, 5, 5}, {4});
}

TEST_CASE("reading a slice carries gradients", "[mxnet_spellings][slice][grad]") {
  check_gradients(
      [](const Args& in) {
        NDArray X = in[0];  // non-const: X[{...}] is a SliceRef
        return X[{0}] * X[{1}].sum() + X[{2}].exp() + X[{nd::slice(0, 1)}].mean(0);
      },
      {test::uniform_input({3, 4}, -1, 1)});
}

// ---- literals -------------------------------------------------------------------------

TEST_CASE("nested literals of any rank", "[mxnet_spellings][literal]") {
  check_values(NDArray{1, 2, 3}, {1, 2, 3}, {3});
  check_values(NDArray{{10}}, {10}, {1, 1});
  check_values(NDArray{{{10}}}, {10}, {1, 1, 1});
  check_values(NDArray{{1}, {2}}, {1, 2}, {2, 1});
  check_values(NDArray{{1, 2}, {3, 4}}, {1, 2, 3, 4}, {2, 2});
  check_values(NDArray{{{1, 2}}, {{3, 4}}}, {1, 2, 3, 4}, {2, 1, 2});
  check_values(NDArray{{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}}},
               nd::arange(1, 13).to_vector(), {2, 2, 3});
  check_values(NDArray{{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}},
               nd::arange(1, 9).to_vector(), {1, 2, 2, 2});
  check_values(NDArray{{{{1}}}, {{{2}}}}, {1, 2}, {2, 1, 1, 1});
  // Ints, doubles and floats mix; variables too.
  int n = 3;
  double d = 0.25;
  check_values(NDArray{n, 2, d, 1.5f}, {3, 2, 0.25f, 1.5f}, {4});
  // The same literals through nd::array, as MXNet's nd.array([[1, 2], [3, 4]]).
  check_values(nd::array({{1, 2}, {3, 4}}), {1, 2, 3, 4}, {2, 2});
  check_values(nd::array({{10}}, cpu()), {10}, {1, 1});
  check_values(nd::array({5, 6}), {5, 6}, {2});
  // The values-plus-shape form is still there.
  check_values(nd::array({1, 2, 3, 4}, {2, 2}), {1, 2, 3, 4}, {2, 2});
  // Empty lists give empty axes.
  CHECK(NDArray{{}}.shape() == Shape{1, 0});
  CHECK(nd::array({}).shape() == Shape{0});
  // Braces still copy a handle rather than wrapping it.
  auto X = X34();
  NDArray Z{X};
  CHECK(Z.storage_id() == X.storage_id());
}

TEST_CASE("ragged literals are errors that say where",
          "[mxnet_spellings][literal][errors]") {
  REQUIRE_THROWS_WITH((NDArray{{1, 2}, {3}}),
                      Contains("ragged") && Contains("entry [1] is a list of 1 entry") &&
                          Contains("entry [0] is a list of 2 entries"));
  REQUIRE_THROWS_WITH(
      (NDArray{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8, 9}}}),
      Contains("entry [1][1] is a list of 3 entries") && Contains("[0][0]"));
  REQUIRE_THROWS_WITH((NDArray{{1, 2}, 3}), Contains("entry [1] is a number"));
  REQUIRE_THROWS_WITH(
      (NDArray{1, {2, 3}}),
      Contains("entry [1] is a list of 2 entries") && Contains("[0] is a number"));
  REQUIRE_THROWS_WITH(nd::array({{1, 2}, {}}), Contains("entry [1] is a list of 0"));
}

// ---- the same spellings on a GPU ---------------------------------------------------

TEST_CASE("the spellings give the CPU's results on a GPU", "[mxnet_spellings][gpu]") {
  if (num_gpus() == 0) {
    WARN("GPU check skipped: " << gpu_status());
    return;
  }
  auto same = [](const NDArray& g, const NDArray& c) {
    CHECK(g.context() == gpu());
    check_values(g.as_in_context(cpu()), c.to_vector(), c.shape(), 1e-5f);
  };
  auto a = test::uniform_input({3, 4}, -1, 1, 1);
  auto b = test::uniform_input({3, 4}, -1, 1, 2);
  auto ga = a.as_in_context(gpu()), gb = b.as_in_context(gpu());
  same(nd::add_n(ga, gb, ga), nd::add_n(a, b, a));
  same(ga >= 0, a >= 0);
  same(0 != gb, 0 != b);
  same(ga <= gb, a <= b);
  same(ga.abs().log(), a.abs().log());
  same(ga.take(NDArray{2, 0}.as_in_context(gpu())), a.take(NDArray{2, 0}));
  same(ga.astype("float32"), a);
  same(nd::array({{1, 2}, {3, 4}}, gpu()), NDArray{{1, 2}, {3, 4}});
  same(nd::zeros_like(ga), nd::zeros({3, 4}));
  CHECK(nd::random::uniform({2, 2}, gpu()).context() == gpu());
  std::vector<NDArray> grows, crows;
  for (auto row : ga) grows.push_back(row);
  for (auto row : a) crows.push_back(row);
  REQUIRE(grows.size() == 3);
  for (size_t i = 0; i < 3; ++i) same(grows[i], crows[i]);
  same(ga[{1}].exp(), a[{1}].exp());
  CHECK(ga[{1}].sum().asscalar() == Approx(a[{1}].sum().asscalar()));
  // Gradients through add_n and zipped rows on the GPU.
  auto grad_of = [](NDArray x, const NDArray& k) {
    x.attach_grad();
    NDArray y;
    {
      autograd::record rec;
      std::vector<NDArray> parts;
      for (auto [r, s] : zip(x, k)) parts.push_back(r * s);
      y = nd::add_n(parts).sum();
    }
    y.backward();
    return x.grad();
  };
  same(grad_of(ga.copy(), gb), grad_of(a.copy(), b));
}
