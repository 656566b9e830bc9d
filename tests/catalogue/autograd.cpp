// Autograd misuse: backward twice, backward of what was not recorded, gradients
// of arrays that never asked for one, and writes autograd cannot follow.
#include "catalogue.hpp"

using namespace catalogue;
using namespace d2l;

TEST_CASE("autograd: backward twice without retain_graph", "[catalogue][autograd]") {
  auto x = nd::ones({3});
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = (x * x).sum();
  }
  y.backward();
  expect_named_error([&] { y.backward(); }, {"backward", "retain_graph"});
}

TEST_CASE("autograd: backward of an array that was not recorded",
          "[catalogue][autograd]") {
  auto x = nd::ones({3});
  x.attach_grad();
  auto y = (x * x).sum();
  expect_named_error([&] { y.backward(); }, {"backward", "record"});
}

TEST_CASE("autograd: grad() before attach_grad()", "[catalogue][autograd]") {
  expect_named_error([] { nd::ones({3}).grad(); }, {"attach_grad"});
}

TEST_CASE("autograd: an in-place write to a variable while recording",
          "[catalogue][autograd]") {
  auto x = nd::ones({3});
  x.attach_grad();
  autograd::record rec;
  expect_named_error([&] { x += 1; }, {"+=", "outside autograd::record"});
}

TEST_CASE("autograd: an input changed in place before backward",
          "[catalogue][autograd]") {
  auto x = nd::array({1, 2, 3});
  x.attach_grad();
  auto w = nd::array({1, 1, 1});
  NDArray y;
  {
    autograd::record rec;
    y = (x * w).sum();
  }
  w += 10;  // the product's gradient needs the old w
  expect_named_error([&] { y.backward(); },
                     {"backward", "'multiply'", "written in place"});
}
