// nd::pooling: max and average pooling, forward and gradient against a naive
// loop, the tie rule of max pooling, global pooling, and errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/conv_ops.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {

struct Case {
  int64_t n, c, h, w;
  Pair2 kernel, stride, pad = 0;
};

// Pooling by its definition; gradients for gy (max: to the first maximum).
std::pair<std::vector<float>, std::vector<float>> naive_pool(const Case& k, bool is_max,
                                                             const std::vector<float>& x,
                                                             const std::vector<float>& gy,
                                                             int64_t oh, int64_t ow) {
  std::vector<float> y(k.n * k.c * oh * ow), dx(x.size());
  for (int64_t pl = 0; pl < k.n * k.c; ++pl)
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j) {
        const int64_t yi = (pl * oh + i) * ow + j;
        float best = -std::numeric_limits<float>::infinity(), sum = 0;
        int64_t arg = -1;
        for (int64_t p = 0; p < k.kernel.h; ++p)
          for (int64_t q = 0; q < k.kernel.w; ++q) {
            int64_t hi = i * k.stride.h - k.pad.h + p, wi = j * k.stride.w - k.pad.w + q;
            if (hi < 0 || hi >= k.h || wi < 0 || wi >= k.w) continue;
            const int64_t xi = (pl * k.h + hi) * k.w + wi;
            sum += x[xi];
            if (x[xi] > best) best = x[xi], arg = xi;
          }
        const float size = float(k.kernel.h * k.kernel.w);
        y[yi] = is_max ? best : sum / size;
        for (int64_t p = 0; p < k.kernel.h; ++p)
          for (int64_t q = 0; q < k.kernel.w; ++q) {
            int64_t hi = i * k.stride.h - k.pad.h + p, wi = j * k.stride.w - k.pad.w + q;
            if (hi < 0 || hi >= k.h || wi < 0 || wi >= k.w) continue;
            const int64_t xi = (pl * k.h + hi) * k.w + wi;
            if (!is_max) dx[xi] += gy[yi] / size;
          }
        if (is_max) dx[arg] += gy[yi];
      }
  return {y, dx};
}

void compare_with_naive(const Case& k, const std::string& type, uint32_t seed) {
  INFO(type << " pooling of (" << k.n << ", " << k.c << ", " << k.h << ", " << k.w
            << "), kernel (" << k.kernel.h << ", " << k.kernel.w << "), stride ("
            << k.stride.h << ", " << k.stride.w << "), pad (" << k.pad.h << ", "
            << k.pad.w << ")");
  NDArray x = test::uniform_input({k.n, k.c, k.h, k.w}, -1, 1, seed);
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::pooling(x,
                    {.kernel = k.kernel, .stride = k.stride, .pad = k.pad, .type = type});
  }
  const int64_t oh = (k.h + 2 * k.pad.h - k.kernel.h) / k.stride.h + 1;
  const int64_t ow = (k.w + 2 * k.pad.w - k.kernel.w) / k.stride.w + 1;
  REQUIRE(y.shape() == Shape{k.n, k.c, oh, ow});
  NDArray gy = test::uniform_input(y.shape(), -1, 1, seed + 1);
  y.backward(gy);
  auto [want_y, want_dx] =
      naive_pool(k, type == "max", x.to_vector(), gy.to_vector(), oh, ow);
  check_flat(y, want_y, 1e-5f);
  check_flat(x.grad(), want_dx, 1e-5f);
}

}  // namespace

TEST_CASE("pooling reproduces the book's pool2d example", "[pool]") {
  NDArray X = nd::arange(9).reshape({1, 1, 3, 3});
  check_values(nd::pooling(X, {.kernel = 2, .stride = 1}), {4, 5, 7, 8}, {1, 1, 2, 2});
  check_values(nd::pooling(X, {.kernel = 2, .stride = 1, .type = "avg"}), {2, 3, 5, 6},
               {1, 1, 2, 2});
  // The book's 4x4 input: 3x3 windows, stride 3 by default; then padding 1, stride 2.
  NDArray X4 = nd::arange(16).reshape({1, 1, 4, 4});
  check_values(nd::pooling(X4, {.kernel = 3}), {10}, {1, 1, 1, 1});
  check_values(nd::pooling(X4, {.kernel = 3, .stride = 2, .pad = 1}), {5, 7, 13, 15},
               {1, 1, 2, 2});
  check_values(nd::pooling(X4, {.kernel = {2, 3}, .stride = {2, 3}, .pad = {1, 2}}),
               {0, 3, 8, 11, 12, 15}, {1, 1, 3, 2});
}

TEST_CASE("average pooling counts the padding", "[pool]") {
  NDArray X = nd::ones({1, 1, 2, 2});
  // Each 2x2 window with pad 1 and stride 1 sees one to four ones of four cells.
  check_values(nd::pooling(X, {.kernel = 2, .stride = 1, .pad = 1, .type = "avg"}),
               {0.25f, 0.5f, 0.25f, 0.5f, 1, 0.5f, 0.25f, 0.5f, 0.25f}, {1, 1, 3, 3});
}

TEST_CASE("pooling and its gradient match a naive loop", "[pool]") {
  std::vector<Case> cases = {
      {1, 1, 4, 4, 2, 2},
      {3, 2, 7, 6, 3, 2, 1},
      {2, 3, 9, 8, {3, 2}, {2, 1}, {1, 1}},
      {5, 1, 5, 7, {2, 3}, {1, 2}, {1, 2}},
      {1, 4, 6, 6, 3, 3, 2},
      {7, 6, 28, 28, 2, 2},
      {3, 2, 5, 5, 5, 1},   // one window covers the image
      {2, 3, 9, 70, 2, 2},  // 2x2 stride 2 rows of 35 outputs (16 per vector)
      {1, 2, 7, 33, 2, 2},  // an odd width: the last column in no window
  };
  uint32_t seed = 3;
  for (const auto& k : cases) {
    compare_with_naive(k, "max", seed += 10);
    compare_with_naive(k, "avg", seed += 10);
  }
}

TEST_CASE("max pooling sends the gradient to the first maximum of a window", "[pool]") {
  // Two equal maxima in each window: row-major order picks the first.
  NDArray x(std::vector<float>{1, 3, 3, 0, 3, 2, 0, 0}, {1, 1, 2, 4});
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::pooling(x, {.kernel = 2});
  }
  check_values(y, {3, 3}, {1, 1, 1, 2});
  y.backward(NDArray{2, 5}.reshape({1, 1, 1, 2}));
  check_values(x.grad(), {0, 2, 5, 0, 0, 0, 0, 0}, {1, 1, 2, 4});
  // All equal, overlapping windows: each window's first element gets it all.
  NDArray z = nd::zeros({1, 1, 3, 3});
  z.attach_grad();
  {
    autograd::record rec;
    y = nd::pooling(z, {.kernel = 2, .stride = 1});
  }
  y.backward();
  check_values(z.grad(), {1, 1, 0, 1, 1, 0, 0, 0, 0}, {1, 1, 3, 3});
}

TEST_CASE("global pooling reduces each channel to one value", "[pool]") {
  NDArray x = nd::arange(24).reshape({2, 3, 2, 2});
  check_values(nd::pooling(x, {.type = "avg", .global = true}),
               {1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f}, {2, 3, 1, 1});
  check_values(nd::pooling(x, {.global = true}), {3, 7, 11, 15, 19, 23}, {2, 3, 1, 1});
  auto in = test::uniform_input({2, 2, 3, 4}, -1, 1);
  check_gradients(
      [](const Args& a) { return nd::pooling(a[0], {.type = "avg", .global = true}); },
      {in});
}

TEST_CASE("pooling gradients match finite differences", "[pool]") {
  auto x = test::uniform_input({2, 2, 5, 6}, -1, 1, 9);
  check_gradients(
      [](const Args& a) {
        return nd::pooling(a[0],
                           {.kernel = {3, 2}, .stride = {2, 1}, .pad = 1, .type = "avg"});
      },
      {x});
  // Distinct values keep each maximum away from its neighbours by more than eps.
  check_gradients(
      [](const Args& a) {
        return nd::pooling(a[0], {.kernel = 2, .stride = 1, .pad = 1});
      },
      {x});
}

TEST_CASE("pooling errors name the op and the problem", "[pool]") {
  NDArray x = nd::ones({1, 2, 4, 4});
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(nd::pooling(x.reshape({2, 4, 4}), {.kernel = 2}),
                    Contains("pooling") && Contains("(2, 4, 4)"));
  CHECK_THROWS_WITH(nd::pooling(x, {.kernel = 2, .type = "sum"}),
                    Contains("pooling") && Contains("sum"));
  CHECK_THROWS_WITH(nd::pooling(x, {.kernel = 5}), Contains("larger than"));
  CHECK_THROWS_WITH(nd::pooling(x, {.kernel = 2, .pad = 2}), Contains("pad"));
  CHECK_THROWS_WITH(nd::pooling(x, {}), Contains("kernel"));
}

TEST_CASE("2x2 max pooling keeps the first maximum with ties and NaNs", "[pool]") {
  // Rows of 20 windows (more than one vector of 16): values from {0, 1, 2}
  // so that most windows tie, and a NaN in some windows, never in all four.
  const int64_t h = 4, w = 40;
  std::vector<float> values(h * w);
  for (int64_t i = 0; i < h * w; ++i) values[i] = float((i * 7 + i / 5) % 3);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (int64_t i : {0, 3, 41, 82, 123, 150, 151, 152}) values[i] = nan;
  NDArray x(values, {1, 1, h, w});
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::pooling(x, {.kernel = 2});
  }
  NDArray gy = test::uniform_input(y.shape(), -1, 1, 91);
  y.backward(gy);
  const std::vector<float> got = y.to_vector(), dx = x.grad().to_vector(),
                           g = gy.to_vector();
  std::vector<float> want_dx(values.size(), 0.0f);
  for (int64_t i = 0; i < h / 2; ++i) {
    for (int64_t j = 0; j < w / 2; ++j) {
      int64_t arg = -1;  // the first largest in row-major order, NaNs skipped
      for (int64_t p = 0; p < 2; ++p) {
        for (int64_t q = 0; q < 2; ++q) {
          const int64_t xi = (2 * i + p) * w + 2 * j + q;
          if (!std::isnan(values[xi]) && (arg < 0 || values[xi] > values[arg])) arg = xi;
        }
      }
      INFO("window (" << i << ", " << j << ")");
      REQUIRE(arg >= 0);
      CHECK(got[i * (w / 2) + j] == values[arg]);
      want_dx[arg] += g[i * (w / 2) + j];
    }
  }
  CHECK(dx == want_dx);
}
