// Pieces the modern CNNs join their layers with: global average pooling as a
// layer (values and gradients) and concat along the channel axis of NCHW
// arrays (Inception, DenseNet), with gradients.
#include <catch2/catch.hpp>
#include <vector>

#include "d2l/d2l.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

TEST_CASE("nn::GlobalAvgPool2D averages each channel to (N, C, 1, 1)", "[pool][gluon]") {
  nn::GlobalAvgPool2D pool;
  // Image 0: channels 0..5 and 6..11 (means 2.5, 8.5); image 1: 12..17, 18..23.
  NDArray x = nd::arange(24).reshape({2, 2, 2, 3});
  check_values(pool(x), {2.5f, 8.5f, 14.5f, 20.5f}, {2, 2, 1, 1});
  // Each pixel gets 1 / (H W) of its channel's gradient.
  check_gradients([&](const Args& a) { return pool(a[0]); },
                  {test::uniform_input({2, 3, 4, 5}, -1, 1, 1)});
  // Non-square planes and a 1x1 plane (the identity).
  check_values(pool(nd::ones({1, 1, 1, 7}) * 3), {3}, {1, 1, 1, 1});
  NDArray one = test::uniform_input({2, 3, 1, 1}, -1, 1, 2);
  check_flat(pool(one), one.to_vector());
  CHECK_THROWS_WITH(pool(nd::ones({2, 3, 4})), Catch::Contains("(2, 3, 4)"));
}

TEST_CASE("concat along the channel axis of NCHW arrays", "[indexing][join]") {
  NDArray a = nd::arange(8).reshape({2, 1, 2, 2});
  NDArray b = nd::arange(16).reshape({2, 2, 2, 2}) + 100;
  NDArray c = nd::concat({a, b}, /*dim=*/1);
  REQUIRE(c.shape() == Shape{2, 3, 2, 2});
  // Image 0: a's channel, then b's two; image 1 the same.
  check_flat(c[{0}], {0, 1, 2, 3, 100, 101, 102, 103, 104, 105, 106, 107});
  check_flat(c[{1}], {4, 5, 6, 7, 108, 109, 110, 111, 112, 113, 114, 115});
  check_gradients(
      [](const Args& in) {
        return nd::concat({in[0], in[1], in[2]}, 1);
      },
      {test::uniform_input({2, 1, 3, 2}, -1, 1, 1),
       test::uniform_input({2, 2, 3, 2}, -1, 1, 2),
       test::uniform_input({2, 3, 3, 2}, -1, 1, 3)});
  CHECK_THROWS_AS(nd::concat({a, nd::ones({2, 1, 3, 2})}, 1), std::exception);
}
