// Linear algebra and layout: dot (every 1-D/2-D combination, transpose flags),
// batch_dot, transpose with axes.
#include <catch2/catch.hpp>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Catch::Matchers::Contains;
using Args = std::vector<NDArray>;

namespace {
NDArray A23() { return NDArray{{1, 2, 3}, {4, 5, 6}}; }
NDArray B32() { return NDArray{{1, 2}, {3, 4}, {5, 6}}; }
}  // namespace

TEST_CASE("dot of two matrices", "[linalg]") {
  check_values(nd::dot(A23(), B32()), {22, 28, 49, 64}, {2, 2});
  check_values(nd::dot(B32(), A23()), {9, 12, 15, 19, 26, 33, 29, 40, 51}, {3, 3});
  auto I = nd::array({1, 0, 0, 0, 1, 0, 0, 0, 1}, {3, 3});
  check_values(nd::dot(A23(), I), {1, 2, 3, 4, 5, 6}, {2, 3});
}

TEST_CASE("dot of a matrix and a vector and of two vectors", "[linalg]") {
  check_values(nd::dot(A23(), NDArray{1, 0, -1}), {-2, -2}, {2});
  check_values(nd::dot(NDArray{1, 1, 1}, B32()), {9, 12}, {2});
  auto ip = nd::dot(NDArray{1, 2, 3}, NDArray{4, 5, 6});
  CHECK(ip.size() == 1);
  CHECK(ip.asscalar() == 32);
  // The book: x = arange(4), dot(x, x) = 14.
  CHECK(nd::dot(nd::arange(4), nd::arange(4)).asscalar() == 14);
}

TEST_CASE("dot with transpose flags", "[linalg]") {
  // B^T A^T = (A B)^T
  check_values(nd::dot(B32(), A23(), true, true), {22, 49, 28, 64}, {2, 2});
  // A A^T and A^T A
  check_values(nd::dot(A23(), A23(), false, true), {14, 32, 32, 77}, {2, 2});
  check_values(nd::dot(A23(), A23(), true, false), {17, 22, 27, 22, 29, 36, 27, 36, 45},
               {3, 3});
  // (A^T)^T B^T with A^T stored: dot(At, Bt, true, true) = A B
  auto At = A23().T();
  auto Bt = B32().T();
  check_values(nd::dot(At, Bt, true, true), {22, 28, 49, 64}, {2, 2});
  check_values(nd::dot(At, B32(), true), {22, 28, 49, 64}, {2, 2});
  check_values(nd::dot(A23(), Bt, false, true), {22, 28, 49, 64}, {2, 2});
}

TEST_CASE("dot of mismatched shapes names both shapes", "[linalg][errors]") {
  REQUIRE_THROWS_WITH(nd::dot(A23(), A23()), Contains("dot") && Contains("(2, 3)"));
  REQUIRE_THROWS_WITH(nd::dot(A23(), nd::ones({4})),
                      Contains("(2, 3)") && Contains("(4,)"));
  REQUIRE_THROWS_WITH(nd::dot(nd::ones({3}), nd::ones({2})),
                      Contains("(3,)") && Contains("(2,)"));
  REQUIRE_THROWS_AS(nd::dot(A23(), B32(), true, false), std::exception);
}

TEST_CASE("batch_dot multiplies matrix by matrix for each batch", "[linalg]") {
  auto a = nd::stack({A23(), nd::ones({2, 3})});  // (2, 2, 3)
  auto b = nd::stack({B32(), B32() * 2});         // (2, 3, 2)
  check_values(nd::batch_dot(a, b), {22, 28, 49, 64, 18, 24, 18, 24}, {2, 2, 2});
  REQUIRE_THROWS_AS(nd::batch_dot(a, a), std::exception);
  REQUIRE_THROWS_AS(nd::batch_dot(a, nd::ones({3, 3, 2})), std::exception);
}

TEST_CASE("T() and transpose", "[linalg][layout]") {
  check_values(A23().T(), {1, 4, 2, 5, 3, 6}, {3, 2});
  check_values(nd::transpose(A23()), {1, 4, 2, 5, 3, 6}, {3, 2});
  check_values(nd::transpose(NDArray{1, 2, 3}), {1, 2, 3}, {3});
  // A transpose is a copy: writing to it leaves the original alone.
  auto A = A23();
  auto t = A.T();
  t += 1;
  check_values(A, {1, 2, 3, 4, 5, 6}, {2, 3});

  auto X = nd::arange(24).reshape({2, 3, 4});  // X[i, j, k] = 12 i + 4 j + k
  auto P = nd::transpose(X, {1, 0, 2});
  REQUIRE(P.shape() == Shape{3, 2, 4});
  auto R = nd::transpose(X);
  REQUIRE(R.shape() == Shape{4, 3, 2});
  auto Q = nd::transpose(X, {2, 0, 1});
  REQUIRE(Q.shape() == Shape{4, 2, 3});
  auto p = P.to_vector(), r = R.to_vector(), q = Q.to_vector();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k) {
        float want = float(12 * i + 4 * j + k);
        INFO("i, j, k = " << i << ", " << j << ", " << k);
        CHECK(p[(j * 2 + i) * 4 + k] == want);
        CHECK(r[(k * 3 + j) * 2 + i] == want);
        CHECK(q[(k * 2 + i) * 3 + j] == want);
      }
  REQUIRE_THROWS_AS(nd::transpose(X, {0, 1}), std::exception);
  REQUIRE_THROWS_AS(nd::transpose(X, {0, 1, 1}), std::exception);
}

TEST_CASE("dot gradients by hand", "[linalg][grad]") {
  // y = 2 x^T x: dy/dx = 4 x (the book's first autograd example).
  auto x = nd::arange(4).reshape({4, 1});
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = 2 * nd::dot(x.T(), x);
  }
  y.backward();
  check_values(x.grad(), {0, 4, 8, 12}, {4, 1});

  auto W = A23();
  auto v = NDArray{1, 0, -1};
  W.attach_grad();
  v.attach_grad();
  {
    autograd::record rec;
    y = nd::dot(W, v);  // d sum(W v)/dW[i, j] = v[j]; d/dv[j] = sum_i W[i, j]
  }
  y.backward();
  check_values(W.grad(), {1, 0, -1, 1, 0, -1}, {2, 3});
  check_values(v.grad(), {5, 7, 9}, {3});
}

TEST_CASE("linear algebra gradients against finite differences", "[linalg][grad]") {
  auto a = test::uniform_input({2, 3}, -1, 1, 1);
  auto b = test::uniform_input({3, 4}, -1, 1, 2);
  auto bt = test::uniform_input({4, 3}, -1, 1, 3);
  auto at = test::uniform_input({3, 2}, -1, 1, 4);
  auto u = test::uniform_input({3}, -1, 1, 5);
  auto w = test::uniform_input({3}, -1, 1, 6);
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1]); }, {a, b});
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1]); }, {a, u});
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1]); }, {u, b});
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1]); }, {u, w});
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1], false, true); },
                  {a, bt});
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1], true, false); },
                  {at, b});
  check_gradients([](const Args& v) { return nd::dot(v[0], v[1], true, true); },
                  {at, bt});
  auto ba = test::uniform_input({2, 2, 3}, -1, 1, 7);
  auto bb = test::uniform_input({2, 3, 4}, -1, 1, 8);
  check_gradients([](const Args& v) { return nd::batch_dot(v[0], v[1]); }, {ba, bb});
  check_gradients([](const Args& v) { return nd::transpose(v[0]); }, {ba});
  check_gradients([](const Args& v) { return nd::transpose(v[0], {1, 2, 0}); }, {ba});
  check_gradients([](const Args& v) { return v[0].T(); }, {a});
  check_gradients([](const Args& v) { return nd::reshape(v[0], {3, -1}); }, {ba});
  check_gradients([](const Args& v) { return v[0].reshape({6}) * 2; }, {a});
}

TEST_CASE("dot of larger matrices matches a naive product", "[linalg]") {
  const int n = 37, k = 129, m = 65;  // odd sizes: no lucky block alignment
  auto a = test::uniform_input({n, k}, -1, 1, 11);
  auto b = test::uniform_input({k, m}, -1, 1, 12);
  auto av = a.to_vector(), bv = b.to_vector();
  std::vector<float> want(n * m);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j) {
      double s = 0;
      for (int t = 0; t < k; ++t) s += double(av[i * k + t]) * bv[t * m + j];
      want[i * m + j] = float(s);
    }
  check_values(nd::dot(a, b), want, {n, m}, 1e-4f);
  check_values(nd::dot(a.T(), b, true), want, {n, m}, 1e-4f);
  check_values(nd::dot(a, b.T(), false, true), want, {n, m}, 1e-4f);
  check_values(nd::dot(a.T(), b.T(), true, true), want, {n, m}, 1e-4f);
  auto bd = nd::batch_dot(nd::stack({a, a}), nd::stack({b, b}));
  auto twice = want;
  twice.insert(twice.end(), want.begin(), want.end());
  check_values(bd, twice, {2, n, m}, 1e-4f);
}

// A product with at most 16 rows on one side and both operands along the
// depth (a Dense layer with few outputs: x W^T) is computed as dot products
// of whole rows; every row-group size (1-6 rows per register tile), a column
// count that is not a multiple of 4, a depth that is not a multiple of 16,
// and a product large enough to be split over threads.
TEST_CASE("dot of a thin side against many rows matches a naive product", "[linalg]") {
  const int threads_before = num_threads();
  set_num_threads(2);
  struct Case {
    int rows, cols, depth;
  };
  for (Case c : {Case{1, 5, 64}, Case{2, 9, 100}, Case{5, 256, 784}, Case{6, 3, 70},
                 Case{7, 13, 129}, Case{10, 256, 784}, Case{13, 31, 256}, Case{16, 4, 65},
                 Case{16, 1100, 784}}) {
    CAPTURE(c.rows, c.cols, c.depth);
    auto w = test::uniform_input({c.rows, c.depth}, -1, 1, 21);
    auto x = test::uniform_input({c.cols, c.depth}, -1, 1, 22);
    auto wv = w.to_vector(), xv = x.to_vector();
    std::vector<float> want(size_t(c.rows) * c.cols);  // w x^T, (rows, cols)
    for (int i = 0; i < c.rows; ++i)
      for (int j = 0; j < c.cols; ++j) {
        double s = 0;
        for (int p = 0; p < c.depth; ++p)
          s += double(wv[i * c.depth + p]) * xv[j * c.depth + p];
        want[size_t(i) * c.cols + j] = float(s);
      }
    check_values(nd::dot(w, x, false, true), want, {c.rows, c.cols}, 1e-4f);
    // x w^T: the same numbers transposed (the library swaps the operands).
    std::vector<float> want_t(want.size());
    for (int i = 0; i < c.rows; ++i)
      for (int j = 0; j < c.cols; ++j)
        want_t[size_t(j) * c.rows + i] = want[size_t(i) * c.cols + j];
    check_values(nd::dot(x, w, false, true), want_t, {c.cols, c.rows}, 1e-4f);
  }
  set_num_threads(threads_before);
}

// Every permutation of a 4-D array's axes (the layout kernel merges axes that
// stay adjacent, then copies rows, transposes blocks, or walks the indices),
// and a batched transpose larger than one 16 x 16 block with ragged edges.
TEST_CASE("transpose with every order of four axes matches index arithmetic",
          "[linalg][layout]") {
  const Shape shape{2, 3, 4, 5};
  auto x = test::uniform_input(shape, -1, 1, 23);
  const auto xv = x.to_vector();
  std::vector<int> perm{0, 1, 2, 3};
  do {
    CAPTURE(perm);
    Shape out_shape(4);
    for (int i = 0; i < 4; ++i) out_shape[i] = shape[perm[i]];
    std::vector<float> want(xv.size());
    int64_t k = 0;
    std::vector<int64_t> at(4);
    for (at[0] = 0; at[0] < out_shape[0]; ++at[0])
      for (at[1] = 0; at[1] < out_shape[1]; ++at[1])
        for (at[2] = 0; at[2] < out_shape[2]; ++at[2])
          for (at[3] = 0; at[3] < out_shape[3]; ++at[3]) {
            std::vector<int64_t> src(4);
            for (int i = 0; i < 4; ++i) src[perm[i]] = at[i];
            want[k++] = xv[((src[0] * 3 + src[1]) * 4 + src[2]) * 5 + src[3]];
          }
    check_values(nd::transpose(x, perm), want, out_shape, 0.0f);
  } while (std::next_permutation(perm.begin(), perm.end()));
  auto big = test::uniform_input({3, 37, 21}, -1, 1, 24);
  const auto bv = big.to_vector();
  std::vector<float> want(bv.size());
  for (int b = 0; b < 3; ++b)
    for (int r = 0; r < 37; ++r)
      for (int c = 0; c < 21; ++c)
        want[(b * 21 + c) * 37 + r] = bv[(b * 37 + r) * 21 + c];
  check_values(nd::transpose(big, {0, 2, 1}), want, {3, 21, 37}, 0.0f);
}
