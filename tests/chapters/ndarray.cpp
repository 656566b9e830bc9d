// Checks of chapters/01_preliminaries/ndarray.cpp against values worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::shape;
using chapter_test::values;
using Vec = std::vector<double>;
using ShapeV = std::vector<int64_t>;

namespace {

const char* const kName = "ndarray";

Vec iota(int n) {
  Vec v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

void check_close(const Vec& actual, const Vec& expected, double eps = 1e-6) {
  REQUIRE(actual.size() == expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    INFO("element " << i);
    CHECK(actual[i] == Approx(expected[i]).epsilon(eps).margin(eps));
  }
}

// The matrix Y of the chapter, row-major.
const Vec kY = {2, 1, 4, 3, 1, 2, 3, 4, 4, 3, 2, 1};

// X after the two writes of the indexing section: rows 0 and 1 set to 12.
Vec x_after_writes() {
  Vec x = iota(12);
  for (int i = 0; i < 8; ++i) x[i] = 12;
  return x;
}

}  // namespace

TEST_CASE("arange(12).reshape({3, 4}) holds 0..11 in 3 rows", "[ndarray]") {
  CHECK(shape(kName, "X") == ShapeV{3, 4});
  check_close(values(kName, "X"), iota(12));
  CHECK(scalar(kName, "X_size") == 12);
  check_close(values(kName, "reshape_inferred_shape"), {3, 4});
  CHECK(scalar(kName, "reshape_same_storage") == 1);
  CHECK(shape(kName, "Y") == ShapeV{3, 4});
  check_close(values(kName, "Y"), kY);
  check_close(values(kName, "random_shape"), {3, 4});
}

TEST_CASE("elementwise operations on a = {1, 2, 4, 8} and b = 2", "[ndarray]") {
  check_close(values(kName, "a_plus_b"), {3, 4, 6, 10});
  check_close(values(kName, "a_minus_b"), {-1, 0, 2, 6});
  check_close(values(kName, "a_times_b"), {2, 4, 8, 16});
  check_close(values(kName, "a_div_b"), {0.5, 1, 2, 4});
  check_close(values(kName, "exp_a"),
              {std::exp(1.0), std::exp(2.0), std::exp(4.0), std::exp(8.0)}, 1e-5);
}

TEST_CASE("dot, concat and comparison", "[ndarray]") {
  CHECK(shape(kName, "dot_X_Yt") == ShapeV{3, 3});
  check_close(values(kName, "dot_X_Yt"), {18, 20, 10, 58, 60, 50, 98, 100, 90});

  // Axis 0: the rows of Y below those of X.
  CHECK(shape(kName, "concat_axis0") == ShapeV{6, 4});
  Vec c0 = iota(12);
  c0.insert(c0.end(), kY.begin(), kY.end());
  check_close(values(kName, "concat_axis0"), c0);

  // Axis 1: each row of X followed by the same row of Y.
  CHECK(shape(kName, "concat_axis1") == ShapeV{3, 8});
  Vec c1;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c) c1.push_back(4 * r + c);
    for (int c = 0; c < 4; ++c) c1.push_back(kY[4 * r + c]);
  }
  check_close(values(kName, "concat_axis1"), c1);

  CHECK(shape(kName, "X_eq_Y") == ShapeV{3, 4});
  check_close(values(kName, "X_eq_Y"), {0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("sum and norm of arange(12)", "[ndarray]") {
  CHECK(scalar(kName, "X_sum") == 66);
  // 0^2 + 1^2 + ... + 11^2 = 506
  CHECK(scalar(kName, "X_norm") == Approx(std::sqrt(506.0)).epsilon(1e-6));
}

TEST_CASE("a (3, 1) column plus a (1, 2) row broadcasts to (3, 2)", "[ndarray]") {
  CHECK(shape(kName, "broadcast_sum") == ShapeV{3, 2});
  check_close(values(kName, "broadcast_sum"), {0, 1, 1, 2, 2, 3});
}

TEST_CASE("reading and writing selections", "[ndarray]") {
  CHECK(shape(kName, "slice_rows_1_3") == ShapeV{2, 4});
  check_close(values(kName, "slice_rows_1_3"), {4, 5, 6, 7, 8, 9, 10, 11});
  CHECK(scalar(kName, "X_1_2") == 6);

  Vec after9 = iota(12);
  after9[1 * 4 + 2] = 9;
  check_close(values(kName, "after_write_9"), after9);
  check_close(values(kName, "after_write_12"), x_after_writes());
  // x and X share storage, so x saw both writes (with x's own shape).
  CHECK(shape(kName, "x_after_writes") == ShapeV{12});
  check_close(values(kName, "x_after_writes"), x_after_writes());
}

TEST_CASE("which operations allocate new storage", "[ndarray]") {
  CHECK(scalar(kName, "rebind_same_storage") == 0);   // Y = Y + X
  CHECK(scalar(kName, "inplace_same_storage") == 1);  // Y += X
  CHECK(scalar(kName, "elemwise_add_same_storage") == 1);
  CHECK(scalar(kName, "alias_same_storage") == 1);  // auto W = Z;
  CHECK(scalar(kName, "copy_same_storage") == 0);   // Z.copy()

  // Y = Y + X and Y += X leave Y0 + 2X; then Z = X + Y = Y0 + 3X.
  Vec X = x_after_writes(), Z(12);
  for (int i = 0; i < 12; ++i) Z[i] = kY[i] + 3 * X[i];
  check_close(values(kName, "elemwise_add_Z"), Z);
  CHECK(scalar(kName, "alias_Z_0_0") == Z[0] + 1);  // W += 1 wrote into Z
  CHECK(scalar(kName, "copy_V_0_0") == Z[0]);       // the copy did not change
}

TEST_CASE("conversion to and from xtensor copies the values", "[ndarray]") {
  Vec half = x_after_writes();
  for (auto& v : half) v *= 0.5;
  CHECK(shape(kName, "from_xarray_half") == ShapeV{3, 4});
  check_close(values(kName, "from_xarray_half"), half);
  CHECK(scalar(kName, "xarray_P_0_0") == -1);
  CHECK(scalar(kName, "xarray_X_0_0") == 12);
}
