// Conversion to and from xt::xarray<float> (the book's asnumpy()).
#include "d2l/xtensor.hpp"

#include <catch2/catch.hpp>

#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;

TEST_CASE("to_xarray copies shape and values", "[xtensor]") {
  auto X = nd::arange(6).reshape({2, 3});
  xt::xarray<float> a = to_xarray(X);
  REQUIRE(a.dimension() == 2);
  CHECK(a.shape()[0] == 2);
  CHECK(a.shape()[1] == 3);
  CHECK(a(0, 0) == 0);
  CHECK(a(0, 2) == 2);
  CHECK(a(1, 0) == 3);
  CHECK(a(1, 2) == 5);
  // A copy: changing the xarray leaves X alone.
  a(0, 0) = 100;
  CHECK(X.to_vector()[0] == 0);
}

TEST_CASE("from_xarray makes an NDArray from an xtensor expression", "[xtensor]") {
  xt::xarray<float> a = {{1, 2}, {3, 4}, {5, 6}};
  check_values(from_xarray(a), {1, 2, 3, 4, 5, 6}, {3, 2});
  check_values(from_xarray(a * 2.0f + 1.0f), {3, 5, 7, 9, 11, 13}, {3, 2});
  check_values(from_xarray(xt::transpose(a)), {1, 3, 5, 2, 4, 6}, {2, 3});
  CHECK(from_xarray(a).context() == cpu());
}

TEST_CASE("NDArray -> xarray -> NDArray round trip", "[xtensor]") {
  auto X = test::uniform_input({2, 3, 4}, -5, 5);
  auto back = from_xarray(to_xarray(X));
  CHECK(back.shape() == X.shape());
  CHECK(back.to_vector() == X.to_vector());
  CHECK(back.storage_id() != X.storage_id());
  xt::xarray<float> s = to_xarray(nd::sum(X, 1));
  xt::xarray<float> expected = xt::sum(to_xarray(X), {1});
  REQUIRE(s.shape() == expected.shape());
  for (size_t i = 0; i < s.size(); ++i)
    CHECK(s.flat(i) == Approx(expected.flat(i)).margin(1e-5));
}
