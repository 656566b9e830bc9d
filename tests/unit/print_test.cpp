// Printing: values, then MXNet's trailer `<NDArray 2x3 @cpu(0)>`.
#include <catch2/catch.hpp>
#include <sstream>

#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"

using namespace d2l;
using Catch::Matchers::Contains;

namespace {
template <class T>
std::string print(const T& x) {
  std::ostringstream os;
  os << x;
  return os.str();
}
}  // namespace

TEST_CASE("printing a matrix shows its values and the trailer", "[print]") {
  NDArray X{{1.5f, -2.25f, 7}, {0, 3, 42}};
  auto s = print(X);
  CHECK_THAT(s, Contains("<NDArray 2x3 @cpu(0)>"));
  CHECK_THAT(s, Contains("1.5"));
  CHECK_THAT(s, Contains("-2.25"));
  CHECK_THAT(s, Contains("42"));
  CHECK_THAT(s, Contains("7"));
  // The values come before the trailer, row 1 before row 2.
  CHECK(s.find("1.5") < s.find("42"));
  CHECK(s.find("42") < s.find("<NDArray"));
}

TEST_CASE("printing other shapes", "[print]") {
  CHECK_THAT(print(nd::arange(4)), Contains("<NDArray 4 @cpu(0)>"));
  auto s = print(nd::zeros({2, 1, 3}));
  CHECK_THAT(s, Contains("<NDArray 2x1x3 @cpu(0)>"));
  CHECK_THAT(s, Contains("0"));
  auto t = print(nd::arange(12).reshape({3, 4}));
  for (auto v : {"1", "5", "10", "11"}) CHECK_THAT(t, Contains(v));
  CHECK_THAT(t, Contains("<NDArray 3x4 @cpu(0)>"));
}

TEST_CASE("printing a slice prints the selected array", "[print]") {
  auto X = nd::arange(6).reshape({2, 3});
  auto s = print(X[{1}]);
  CHECK_THAT(s, Contains("<NDArray 3 @cpu(0)>"));
  CHECK_THAT(s, Contains("4"));
  CHECK_THAT(s, Contains("5"));
}
