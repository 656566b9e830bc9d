// Elementwise operations: values against hand computations, gradients against
// finite differences, operators with scalars on both sides, comparisons.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {
// Applies a float function to each value: the reference for unary ops.
std::vector<float> map(const std::vector<float>& v,
                       const std::function<float(float)>& f) {
  std::vector<float> out;
  for (float x : v) out.push_back(f(x));
  return out;
}
const std::vector<float> kMixed = {-2.0f, -0.5f, 0.25f, 1.0f, 3.0f, 0.75f};
const std::vector<float> kPositive = {0.5f, 1.0f, 2.0f, 4.0f, 0.1f, 9.0f};
}  // namespace

TEST_CASE("unary ops: values", "[elementwise]") {
  NDArray x(kMixed, {2, 3});
  NDArray p(kPositive, {2, 3});
  check_values(nd::negative(x), {2, 0.5f, -0.25f, -1, -3, -0.75f}, {2, 3});
  check_values(-x, {2, 0.5f, -0.25f, -1, -3, -0.75f}, {2, 3});
  check_values(nd::exp(x), map(kMixed, [](float v) { return std::exp(v); }), {2, 3});
  check_values(x.exp(), map(kMixed, [](float v) { return std::exp(v); }), {2, 3});
  check_values(nd::exp(NDArray{0, 1}), {1, 2.7182818f}, {2});
  check_values(nd::log(p), map(kPositive, [](float v) { return std::log(v); }), {2, 3});
  check_values(nd::log(NDArray{1, 2.7182818f}), {0, 1}, {2});
  check_values(nd::sqrt(p), {0.70710678f, 1, 1.4142136f, 2, 0.31622777f, 3}, {2, 3});
  check_values(nd::square(x), {4, 0.25f, 0.0625f, 1, 9, 0.5625f}, {2, 3});
  check_values(nd::abs(x), {2, 0.5f, 0.25f, 1, 3, 0.75f}, {2, 3});
  check_values(nd::relu(x), {0, 0, 0.25f, 1, 3, 0.75f}, {2, 3});
  check_values(nd::sigmoid(NDArray{0, 2, -2}), {0.5f, 0.88079708f, 0.11920292f}, {3});
  check_values(nd::sigmoid(x),
               map(kMixed, [](float v) { return 1 / (1 + std::exp(-v)); }), {2, 3});
  check_values(nd::tanh(NDArray{0, 1, -0.5f}), {0, 0.76159416f, -0.46211716f}, {3});
}

TEST_CASE("sigmoid and exp stay finite for large inputs", "[elementwise]") {
  auto s = nd::sigmoid(NDArray{-100, 100}).to_vector();
  CHECK(s[0] == Approx(0).margin(1e-6));
  CHECK(s[1] == Approx(1));
  auto t = nd::tanh(NDArray{-50, 50}).to_vector();
  CHECK(t[0] == Approx(-1));
  CHECK(t[1] == Approx(1));
}

TEST_CASE("unary ops: gradients", "[elementwise][grad]") {
  auto x = NDArray(kMixed, {2, 3});
  auto p = NDArray(kPositive, {2, 3}) + 0.5f;  // away from 0 for log and sqrt
  check_gradients([](const Args& a) { return nd::negative(a[0]); }, {x});
  check_gradients([](const Args& a) { return -a[0]; }, {x});
  check_gradients([](const Args& a) { return nd::exp(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::log(a[0]); }, {p});
  check_gradients([](const Args& a) { return nd::sqrt(a[0]); }, {p});
  check_gradients([](const Args& a) { return nd::square(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::abs(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::relu(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::sigmoid(a[0]); }, {x});
  check_gradients([](const Args& a) { return nd::tanh(a[0]); }, {x});
}

TEST_CASE("unary ops: gradients by hand", "[elementwise][grad]") {
  NDArray x{-1, 2, 0.5f};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::relu(x);
  }
  y.backward();
  check_values(x.grad(), {0, 1, 1}, {3});
  {
    autograd::record rec;
    y = nd::sigmoid(x);
  }
  y.backward();
  auto s = [](float v) { return 1 / (1 + std::exp(-v)); };
  check_values(x.grad(), {s(-1) * (1 - s(-1)), s(2) * (1 - s(2)), s(.5f) * (1 - s(.5f))},
               {3});
  {
    autograd::record rec;
    y = nd::tanh(x);
  }
  y.backward();
  auto t = [](float v) { return 1 - std::tanh(v) * std::tanh(v); };
  check_values(x.grad(), {t(-1), t(2), t(0.5f)}, {3});
}

TEST_CASE("binary ops: values", "[elementwise]") {
  NDArray a{1, 2, 4, 8};
  NDArray b{2, 2, 2, 2};
  check_values(nd::add(a, b), {3, 4, 6, 10}, {4});
  check_values(nd::subtract(a, b), {-1, 0, 2, 6}, {4});
  check_values(nd::multiply(a, b), {2, 4, 8, 16}, {4});
  check_values(nd::divide(a, b), {0.5f, 1, 2, 4}, {4});
  check_values(nd::power(a, b), {1, 4, 16, 64}, {4});
  check_values(nd::power(b, NDArray{0, 1, 3, -1}), {1, 2, 8, 0.5f}, {4});
  check_values(nd::power(a, 0.5f), {1, 1.4142136f, 2, 2.8284271f}, {4});
  check_values(nd::power(a, 3.0f), {1, 8, 64, 512}, {4});
  NDArray c{3, 1, 4, 8};
  check_values(nd::maximum(a, c), {3, 2, 4, 8}, {4});
  check_values(nd::minimum(a, c), {1, 1, 4, 8}, {4});
  check_values(nd::maximum(a, 3.0f), {3, 3, 4, 8}, {4});
  check_values(nd::minimum(a, 3.0f), {1, 2, 3, 3}, {4});
  check_values(nd::maximum(NDArray{-1, 0.5f}, 0.0f), {0, 0.5f}, {2});
}

TEST_CASE("the book's x + y and x - y and x times y and x / y and x pow y",
          "[elementwise]") {
  NDArray x{1, 2, 4, 8};
  NDArray y{2, 2, 2, 2};
  check_values(x + y, {3, 4, 6, 10}, {4});
  check_values(x - y, {-1, 0, 2, 6}, {4});
  check_values(x * y, {2, 4, 8, 16}, {4});
  check_values(x / y, {0.5f, 1, 2, 4}, {4});
  check_values(nd::power(x, y), {1, 4, 16, 64}, {4});
  check_values(nd::exp(x), {2.7182817f, 7.3890562f, 54.598148f, 2980.958f}, {4});
}

TEST_CASE("operators with a scalar on either side", "[elementwise]") {
  NDArray x{1, 2, 4};
  check_values(x + 1.5f, {2.5f, 3.5f, 5.5f}, {3});
  check_values(1.5f + x, {2.5f, 3.5f, 5.5f}, {3});
  check_values(x - 1, {0, 1, 3}, {3});
  check_values(10 - x, {9, 8, 6}, {3});
  check_values(x * 3, {3, 6, 12}, {3});
  check_values(3 * x, {3, 6, 12}, {3});
  check_values(x / 2, {0.5f, 1, 2}, {3});
  check_values(2 / x, {2, 1, 0.5f}, {3});
  check_values(2 * x + 1, {3, 5, 9}, {3});
  check_values(1 - 2 / x, {-1, 0, 0.5f}, {3});
}

TEST_CASE("operators with scalars: gradients", "[elementwise][grad]") {
  auto x = test::uniform_input({2, 3}, 0.5f, 2.0f);
  check_gradients([](const Args& a) { return a[0] + 1.5f; }, {x});
  check_gradients([](const Args& a) { return 1.5f + a[0]; }, {x});
  check_gradients([](const Args& a) { return a[0] - 2; }, {x});
  check_gradients([](const Args& a) { return 2 - a[0]; }, {x});
  check_gradients([](const Args& a) { return a[0] * 3; }, {x});
  check_gradients([](const Args& a) { return 3 * a[0]; }, {x});
  check_gradients([](const Args& a) { return a[0] / 4; }, {x});
  check_gradients([](const Args& a) { return 2 / a[0]; }, {x});
}

TEST_CASE("binary ops: gradients", "[elementwise][grad]") {
  auto a = test::uniform_input({2, 3}, 0.5f, 2.0f, 1);
  auto b = test::uniform_input({2, 3}, 0.5f, 2.0f, 2);
  check_gradients([](const Args& v) { return nd::add(v[0], v[1]); }, {a, b});
  check_gradients([](const Args& v) { return nd::subtract(v[0], v[1]); }, {a, b});
  check_gradients([](const Args& v) { return nd::multiply(v[0], v[1]); }, {a, b});
  check_gradients([](const Args& v) { return nd::divide(v[0], v[1]); }, {a, b});
  check_gradients([](const Args& v) { return nd::power(v[0], v[1]); }, {a, b});
  check_gradients([](const Args& v) { return nd::power(v[0], 2.5f); }, {a});
  check_gradients([](const Args& v) { return nd::power(v[0], -1.0f); }, {a});
  check_gradients([](const Args& v) { return v[0] + v[1]; }, {a, b});
  check_gradients([](const Args& v) { return v[0] - v[1]; }, {a, b});
  check_gradients([](const Args& v) { return v[0] * v[1]; }, {a, b});
  check_gradients([](const Args& v) { return v[0] / v[1]; }, {a, b});
  // maximum/minimum: inputs differ by at least 0.5 everywhere (no ties).
  NDArray c{{1, 5, 3}, {-2, 0.5f, 4}};
  NDArray d{{2, 4, 2}, {-1, -1, 5}};
  check_gradients([](const Args& v) { return nd::maximum(v[0], v[1]); }, {c, d});
  check_gradients([](const Args& v) { return nd::minimum(v[0], v[1]); }, {c, d});
  check_gradients([](const Args& v) { return nd::maximum(v[0], 2.5f); }, {c});
  check_gradients([](const Args& v) { return nd::minimum(v[0], 2.5f); }, {c});
}

TEST_CASE("binary ops: gradients by hand", "[elementwise][grad]") {
  NDArray a{1, 2, 3};
  NDArray b{4, 5, 6};
  a.attach_grad();
  b.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = a * b + a / b;
  }
  y.backward();
  check_values(a.grad(), {4 + 1 / 4.0f, 5 + 1 / 5.0f, 6 + 1 / 6.0f}, {3});
  check_values(b.grad(), {1 - 1 / 16.0f, 2 - 2 / 25.0f, 3 - 3 / 36.0f}, {3});

  NDArray m{1, 7, 3};
  m.attach_grad();
  {
    autograd::record rec;
    y = nd::maximum(m, b);  // picks b, m, b
  }
  y.backward();
  check_values(m.grad(), {0, 1, 0}, {3});
  check_values(b.grad(), {1, 0, 1}, {3});
}

TEST_CASE("comparisons give 0 and 1", "[elementwise][compare]") {
  NDArray a{1, 2, 3, 4};
  NDArray b{3, 2, 1, 4};
  check_values(nd::equal(a, b), {0, 1, 0, 1}, {4});
  check_values(nd::not_equal(a, b), {1, 0, 1, 0}, {4});
  check_values(nd::greater(a, b), {0, 0, 1, 0}, {4});
  check_values(nd::greater_equal(a, b), {0, 1, 1, 1}, {4});
  check_values(nd::lesser(a, b), {1, 0, 0, 0}, {4});
  check_values(nd::lesser_equal(a, b), {1, 1, 0, 1}, {4});
  check_values(a == b, {0, 1, 0, 1}, {4});
  check_values(a != b, {1, 0, 1, 0}, {4});
  check_values(a > b, {0, 0, 1, 0}, {4});
  check_values(a >= b, {0, 1, 1, 1}, {4});
  check_values(a < b, {1, 0, 0, 0}, {4});
  check_values(a <= b, {1, 1, 0, 1}, {4});
  check_values(a < 2.5f, {1, 1, 0, 0}, {4});
  check_values(a > 2.5f, {0, 0, 1, 1}, {4});
  // The book's X == Y on 3x4 matrices.
  auto X = nd::arange(12).reshape({3, 4});
  NDArray Y{{2, 1, 4, 3}, {1, 2, 3, 4}, {4, 3, 2, 1}};
  check_values(X == Y, {0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, {3, 4});
  CHECK((X == Y).sum().asscalar() == 2);
}

TEST_CASE("comparisons have a zero gradient", "[elementwise][compare][grad]") {
  NDArray a{1, 2, 3};
  NDArray b{3, 2, 1};
  a.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = (a > b) * 5 + a * nd::greater_equal(a, b);
  }
  y.backward();
  // d/da [5 (a > b) + a (a >= b)] = (a >= b) away from ties.
  check_values(a.grad(), {0, 1, 1}, {3});
}

TEST_CASE("elemwise_add/sub/mul/div write the result into out", "[elementwise]") {
  NDArray a{1, 2, 3};
  NDArray b{4, 5, 8};
  auto out = nd::zeros({3});
  nd::elemwise_add(a, b, out);
  check_values(out, {5, 7, 11}, {3});
  nd::elemwise_sub(a, b, out);
  check_values(out, {-3, -3, -5}, {3});
  nd::elemwise_mul(a, b, out);
  check_values(out, {4, 10, 24}, {3});
  nd::elemwise_div(a, b, out);
  check_values(out, {0.25f, 0.4f, 0.375f}, {3});
  // The inputs are untouched.
  check_values(a, {1, 2, 3}, {3});
  check_values(b, {4, 5, 8}, {3});
}
