// Image transforms against hand-computed values: ToTensor's scaling and
// layout, bilinear Resize (align_corners=false), Normalize, Compose.
#include <catch2/catch.hpp>

#include "d2l/ops.hpp"
#include "d2l/vision.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using namespace d2l::gluon::data::vision;
using d2l::test::check_values;

TEST_CASE("ToTensor scales to 0..1 and puts channels first", "[data][transforms]") {
  // One 1x2 image with 3 channels (H, W, C): pixels (0, 51, 255), (255, 0, 102).
  NDArray hwc({0, 51, 255, 255, 0, 102}, {1, 2, 3});
  check_values(transforms::ToTensor()(hwc), {0, 1, 0.2f, 0, 1, 0.4f}, {3, 1, 2});
  // A batch of one-channel images: (N, H, W, 1) -> (N, 1, H, W).
  NDArray batch({0, 255, 51, 102}, {2, 1, 2, 1});
  check_values(transforms::ToTensor()(batch), {0, 1, 0.2f, 0.4f}, {2, 1, 1, 2});
  CHECK_THROWS_WITH(transforms::ToTensor()(nd::zeros({4, 4})),
                    Catch::Contains("ToTensor") && Catch::Contains("(4, 4)"));
}

TEST_CASE("Resize 2x2 to 4x4 bilinear with half-pixel centers", "[data][transforms]") {
  // Output pixel i samples input (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25,
  // clamped to [0, 1]: weights 0, 0.25, 0.75, 1 along each axis.
  NDArray x({0, 1, 2, 3}, {1, 1, 2, 2});
  // out[i][j] = 2 r[i] + r[j] with r = (0, 0.25, 0.75, 1)
  check_values(
      transforms::Resize(4)(x),
      {0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3},
      {1, 1, 4, 4});
}

TEST_CASE("Resize shrinking averages pixel pairs", "[data][transforms]") {
  // 4 -> 2 samples input positions 0.5 and 2.5: the mean of each 2x2 block.
  NDArray x = nd::arange(16).reshape({1, 4, 4});
  check_values(transforms::Resize(2)(x), {2.5, 4.5, 10.5, 12.5}, {1, 2, 2});
  // Height and width apart; channels and batch untouched.
  NDArray y = nd::ones({3, 2, 5, 7});
  auto r = transforms::Resize(/*height=*/4, /*width=*/6)(y);
  CHECK(r.shape() == Shape{3, 2, 4, 6});
  CHECK(r.min().asscalar() == 1);
  CHECK(r.max().asscalar() == 1);
  CHECK_THROWS_WITH(transforms::Resize(0), Catch::Contains("Resize"));
}

TEST_CASE("Normalize per channel and Compose in order", "[data][transforms]") {
  NDArray x({1, 3, 10, 20}, {1, 2, 1, 2});  // 2 channels of 1x2
  check_values(transforms::Normalize({1, 10}, {2, 5})(x), {0, 1, 0, 2}, {1, 2, 1, 2});
  check_values(transforms::Normalize({1}, {1})(x), {0, 2, 9, 19}, {1, 2, 1, 2});
  CHECK_THROWS_WITH(transforms::Normalize({1, 2, 3}, {1})(x),
                    Catch::Contains("2 channels"));

  transforms::Compose both(
      {transforms::ToTensor(), transforms::Normalize({0.5f}, {0.5f})});
  NDArray img({0, 255}, {1, 1, 2, 1});
  check_values(both(img), {-1, 1}, {1, 1, 1, 2});
}
