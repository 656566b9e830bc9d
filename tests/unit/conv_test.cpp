// nd::convolution: the book's corr2d values, forward and all gradients against
// a naive loop on varied shapes, finite differences, and shape errors.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/conv_ops.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {

struct Case {
  int64_t n, c, h, w, f, kh, kw;
  Pair2 stride = 1, pad = 0, dilate = 1;
  bool bias = true;
};

struct Naive {
  std::vector<double> y, dx, dw, db;  // double: sums of up to 10^5 terms
};

// The definition, one multiply-add at a time: y, and the gradients for gy.
Naive naive_conv(const Case& k, const std::vector<float>& x, const std::vector<float>& w,
                 const std::vector<float>& b, const std::vector<float>& gy, int64_t oh,
                 int64_t ow) {
  Naive r{std::vector<double>(k.n * k.f * oh * ow), std::vector<double>(x.size()),
          std::vector<double>(w.size()), std::vector<double>(k.f)};
  for (int64_t n = 0; n < k.n; ++n)
    for (int64_t f = 0; f < k.f; ++f)
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          const int64_t yi = ((n * k.f + f) * oh + i) * ow + j;
          double s = k.bias ? b[f] : 0.0;
          for (int64_t c = 0; c < k.c; ++c)
            for (int64_t p = 0; p < k.kh; ++p)
              for (int64_t q = 0; q < k.kw; ++q) {
                int64_t hi = i * k.stride.h - k.pad.h + p * k.dilate.h;
                int64_t wi = j * k.stride.w - k.pad.w + q * k.dilate.w;
                if (hi < 0 || hi >= k.h || wi < 0 || wi >= k.w) continue;
                const int64_t xi = ((n * k.c + c) * k.h + hi) * k.w + wi;
                const int64_t wj = ((f * k.c + c) * k.kh + p) * k.kw + q;
                s += double(x[xi]) * w[wj];
                r.dx[xi] += double(w[wj]) * gy[yi];
                r.dw[wj] += double(x[xi]) * gy[yi];
              }
          r.y[yi] = s;
          r.db[f] += gy[yi];
        }
  return r;
}

void check_close(const std::vector<float>& got, const std::vector<double>& want,
                 const char* what) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO(what << " element " << i);
    CHECK_THAT(got[i],
               Catch::Matchers::WithinAbs(want[i], 1e-4 + 1e-4 * std::abs(want[i])));
  }
}

void compare_with_naive(const Case& k, uint32_t seed) {
  INFO("x (" << k.n << ", " << k.c << ", " << k.h << ", " << k.w << "), w (" << k.f
             << ", " << k.c << ", " << k.kh << ", " << k.kw << "), stride (" << k.stride.h
             << ", " << k.stride.w << "), pad (" << k.pad.h << ", " << k.pad.w
             << "), dilate (" << k.dilate.h << ", " << k.dilate.w << ")");
  NDArray x = test::uniform_input({k.n, k.c, k.h, k.w}, -1, 1, seed);
  NDArray w = test::uniform_input({k.f, k.c, k.kh, k.kw}, -1, 1, seed + 1);
  NDArray b = k.bias ? test::uniform_input({k.f}, -1, 1, seed + 2) : NDArray();
  x.attach_grad();
  w.attach_grad();
  if (k.bias) b.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::convolution(x, w, b, {.stride = k.stride, .pad = k.pad, .dilate = k.dilate});
  }
  REQUIRE(y.ndim() == 4);
  const int64_t oh = y.shape()[2], ow = y.shape()[3];
  CHECK(oh == (k.h + 2 * k.pad.h - k.dilate.h * (k.kh - 1) - 1) / k.stride.h + 1);
  CHECK(ow == (k.w + 2 * k.pad.w - k.dilate.w * (k.kw - 1) - 1) / k.stride.w + 1);
  NDArray gy = test::uniform_input(y.shape(), -1, 1, seed + 3);
  y.backward(gy);
  Naive r =
      naive_conv(k, x.to_vector(), w.to_vector(),
                 k.bias ? b.to_vector() : std::vector<float>(), gy.to_vector(), oh, ow);
  check_close(y.to_vector(), r.y, "y");
  check_close(x.grad().to_vector(), r.dx, "dx");
  check_close(w.grad().to_vector(), r.dw, "dw");
  if (k.bias) check_close(b.grad().to_vector(), r.db, "db");
}

}  // namespace

TEST_CASE("convolution reproduces the book's corr2d example", "[conv]") {
  NDArray X = nd::arange(9).reshape({1, 1, 3, 3});
  NDArray K = NDArray{{0, 1}, {2, 3}}.reshape({1, 1, 2, 2});
  check_values(nd::convolution(X, K, NDArray(), {.kernel = {2, 2}}), {19, 25, 37, 43},
               {1, 1, 2, 2});
  // With a bias of 1 and no explicit kernel (taken from the weight).
  check_values(nd::convolution(X, K, NDArray{1}, {}), {20, 26, 38, 44}, {1, 1, 2, 2});
}

TEST_CASE("convolution detects the edge of a zero band", "[conv]") {
  // The book's edge detector: K = [1, -1] on ones with a band of zeros.
  NDArray X = nd::ones({6, 8});
  X[{all, slice(2, 6)}] = 0;
  NDArray K = NDArray{{1, -1}}.reshape({1, 1, 1, 2});
  NDArray Y = nd::convolution(X.reshape({1, 1, 6, 8}), K, NDArray(), {});
  CHECK(Y.shape() == Shape{1, 1, 6, 7});
  check_flat(Y[{0, 0, 0}], {0, 1, 0, 0, 0, -1, 0});
}

TEST_CASE("convolution and its gradients match a naive loop", "[conv]") {
  std::vector<Case> cases = {
      {1, 1, 5, 5, 1, 3, 3},
      {3, 2, 7, 6, 4, 3, 2, {1, 1}, {1, 0}},
      {2, 3, 8, 9, 5, 3, 3, {2, 2}, {1, 1}},
      {5, 2, 9, 7, 3, 2, 3, {2, 1}, {0, 2}, {2, 1}},
      {1, 4, 10, 10, 2, 3, 3, {3, 2}, {2, 1}, {2, 3}, false},
      {3, 1, 28, 28, 6, 5, 5, 1, 2},
      {7, 6, 14, 14, 16, 5, 5},
      {2, 3, 6, 6, 2, 1, 1, {2, 2}, {0, 0}},  // 1x1 convolution with stride
      {3, 2, 5, 4, 3, 5, 4},                  // kernel as large as the image
      {2, 2, 4, 4, 2, 3, 3, {1, 1}, {2, 2}},  // padding as large as the kernel
  };
  uint32_t seed = 11;
  for (const auto& k : cases) compare_with_naive(k, seed += 10);
}

TEST_CASE("convolution gradients match a naive loop over many chunks", "[conv]") {
  // 67 images of 1x28x28 with a 5x5 kernel need several im2col chunks.
  compare_with_naive({67, 1, 28, 28, 6, 5, 5, 1, 2}, 5);
  compare_with_naive({33, 6, 14, 14, 16, 5, 5}, 6);
  // ResNet's deep layers: small planes with many channels, where a chunk holds
  // many images and the weight gradient is summed across threads' chunks.
  compare_with_naive({21, 48, 3, 3, 40, 3, 3, 1, 1}, 7);
  compare_with_naive({13, 24, 6, 6, 20, 3, 3, 2, 1}, 8);
  compare_with_naive({9, 40, 6, 6, 36, 1, 1, 2, 0}, 9);
  // More than 128 filters: the weight gradient as dW, not dW^T.
  compare_with_naive({7, 8, 4, 4, 136, 3, 3, 1, 1}, 10);
}

TEST_CASE("convolution gradients match finite differences", "[conv]") {
  auto x = test::uniform_input({2, 2, 5, 4}, -1, 1, 1);
  auto w = test::uniform_input({3, 2, 3, 2}, -1, 1, 2);
  auto b = test::uniform_input({3}, -1, 1, 3);
  check_gradients(
      [](const Args& in) {
        return nd::convolution(in[0], in[1], in[2],
                               {.stride = {2, 1}, .pad = {1, 1}, .dilate = {1, 2}});
      },
      {x, w, b});
  check_gradients(
      [](const Args& in) { return nd::convolution(in[0], in[1], NDArray(), {}); },
      {x, w});
}

TEST_CASE("convolution of an empty batch is empty", "[conv]") {
  NDArray x = nd::zeros({0, 2, 5, 5}), w = nd::ones({3, 2, 3, 3});
  x.attach_grad();
  w.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = nd::convolution(x, w, nd::zeros({3}), {});
  }
  CHECK(y.shape() == Shape{0, 3, 3, 3});
  y.backward();
  check_flat(w.grad().sum(), {0});
}

TEST_CASE("convolution errors name the op and the shapes", "[conv]") {
  NDArray x = nd::ones({2, 3, 8, 8});
  auto message = [](auto f) {
    try {
      f();
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  using Catch::Matchers::Contains;
  CHECK_THAT(message([&] {
               nd::convolution(x, nd::ones({4, 2, 3, 3}), NDArray(), {});
             }),
             Contains("convolution") && Contains("(2, 3, 8, 8)") &&
                 Contains("(4, 2, 3, 3)") && Contains("channels"));
  CHECK_THAT(
      message([&] {
        nd::convolution(x.reshape({6, 8, 8}), nd::ones({4, 3, 3, 3}), NDArray(), {});
      }),
      Contains("convolution") && Contains("(6, 8, 8)"));
  CHECK_THAT(message([&] {
               nd::convolution(x, nd::ones({4, 3, 3, 3}), nd::ones({3}), {});
             }),
             Contains("bias") && Contains("(3,)"));
  CHECK_THAT(message([&] {
               nd::convolution(x, nd::ones({4, 3, 3, 3}), NDArray(), {.kernel = 5});
             }),
             Contains("kernel (5, 5)"));
  CHECK_THAT(message([&] {
               nd::convolution(x, nd::ones({4, 3, 9, 3}), NDArray(), {});
             }),
             Contains("larger than"));
  CHECK_THAT(message([&] {
               nd::convolution(x, nd::ones({4, 3, 3, 3}), NDArray(), {.stride = 0});
             }),
             Contains("stride"));
}

TEST_CASE("convolution gradients are the same bits on every run", "[conv]") {
  // Enough images for several im2col chunks on several threads: the weight
  // gradient's partial sums must be added in a fixed order, or the same seed
  // would train a different network from run to run.
  NDArray x = test::uniform_input({96, 8, 20, 20}, -1, 1, 11);
  NDArray w = test::uniform_input({16, 8, 3, 3}, -1, 1, 12);
  NDArray b = test::uniform_input({16}, -1, 1, 13);
  NDArray head = test::uniform_input({96, 16, 20, 20}, -1, 1, 14);
  auto grads = [&] {
    NDArray xc = x.copy(), wc = w.copy(), bc = b.copy();
    for (NDArray* a : {&xc, &wc, &bc}) a->attach_grad();
    {
      autograd::record recording;
      NDArray y = nd::convolution(xc, wc, bc, {.pad = 1});
      y.backward(head);
    }
    return std::vector<std::vector<float>>{xc.grad().to_vector(), wc.grad().to_vector(),
                                           bc.grad().to_vector()};
  };
  const auto first = grads();
  for (int run = 0; run < 5; ++run) CHECK(grads() == first);
}

namespace {

// Sets the convolution algorithm for one scope and puts `automatic` back.
struct AlgorithmScope {
  explicit AlgorithmScope(nd::ConvAlgorithm a) { nd::set_conv_algorithm(a); }
  ~AlgorithmScope() { nd::set_conv_algorithm(nd::ConvAlgorithm::automatic); }
};

// y, dx and dw of one convolution with algorithm `a`, gy = head.
std::vector<std::vector<float>> conv_and_grads(nd::ConvAlgorithm a, const NDArray& x,
                                               const NDArray& w, const NDArray& b,
                                               const NDArray& head, Pair2 pad) {
  AlgorithmScope scope(a);
  NDArray xc = x.copy(), wc = w.copy();
  xc.attach_grad();
  wc.attach_grad();
  NDArray y;
  {
    autograd::record recording;
    y = nd::convolution(xc, wc, b, {.pad = pad});
  }
  y.backward(head);
  return {y.to_vector(), xc.grad().to_vector(), wc.grad().to_vector()};
}

// Algorithm `a` against im2col + GEMM on y, dx and dw: float rounding of sums
// of thousands of terms (~1e-6 of the largest value), and different bits
// where `must_differ` says so (two computations, not one path twice).
void check_against_im2col(nd::ConvAlgorithm a, const NDArray& x, const NDArray& w,
                          const NDArray& b, const NDArray& head, Pair2 pad,
                          const std::vector<bool>& must_differ) {
  const auto fast = conv_and_grads(a, x, w, b, head, pad);
  const auto reference = conv_and_grads(nd::ConvAlgorithm::im2col, x, w, b, head, pad);
  const char* names[] = {"y", "dx", "dw"};
  for (size_t r = 0; r < 3; ++r) {
    INFO(names[r]);
    REQUIRE(fast[r].size() == reference[r].size());
    double worst = 0, largest = 0;
    for (size_t i = 0; i < fast[r].size(); ++i) {
      worst = std::max(worst, double(std::abs(fast[r][i] - reference[r][i])));
      largest = std::max(largest, double(std::abs(reference[r][i])));
    }
    CHECK(worst <= 1e-5 * largest);
    if (must_differ[r]) CHECK(fast[r] != reference[r]);
  }
}

// The convolutions Winograd computes, 3x3 with padding 1 and 5x5 with
// padding 2, stride 1: odd planes (a last tile row and column half outside),
// planes smaller than a tile, planes wider than a vector's row of tiles, one
// channel, no bias, and batches of many chunks.
const std::vector<Case> kWinogradCases = {
    {2, 3, 5, 5, 4, 3, 3, 1, 1},
    {3, 17, 7, 9, 19, 3, 3, 1, 1},
    {1, 1, 1, 1, 1, 3, 3, 1, 1},
    {2, 2, 1, 6, 3, 3, 3, 1, 1},
    {4, 20, 6, 6, 24, 3, 3, 1, 1},
    {2, 16, 3, 3, 16, 3, 3, 1, 1, 1, false},
    {70, 16, 8, 8, 18, 3, 3, 1, 1},
    {3, 40, 12, 12, 33, 3, 3, 1, 1},
    {2, 3, 5, 37, 4, 3, 3, 1, 1},  // wider than one vector of tiles
    {3, 2, 2, 35, 5, 3, 3, 1, 1},
    // 5x5 with padding 2 (F(2x2, 5x5)): odd, small and wide planes.
    {2, 3, 7, 9, 4, 5, 5, 1, 2},
    {1, 2, 1, 1, 3, 5, 5, 1, 2},
    {3, 17, 26, 26, 19, 5, 5, 1, 2},
    {2, 4, 3, 33, 2, 5, 5, 1, 2, 1, false},
};

}  // namespace

TEST_CASE("Winograd convolution and its gradients match a naive loop", "[conv]") {
  for (auto algorithm : {nd::ConvAlgorithm::winograd, nd::ConvAlgorithm::automatic,
                         nd::ConvAlgorithm::im2col}) {
    AlgorithmScope scope(algorithm);
    INFO("algorithm " << int(algorithm));
    uint32_t seed = 101;
    for (const auto& k : kWinogradCases) compare_with_naive(k, seed += 10);
  }
}

TEST_CASE("Winograd convolution agrees with im2col on ResNet's shapes", "[conv]") {
  // The 3x3 layers of ResNet-18 at 96x96 (smaller batches): output and both
  // gradients from Winograd against im2col + GEMM, to float rounding.
  struct Layer {
    int64_t n, c, hw;
  };
  for (Layer l : {Layer{3, 64, 24}, Layer{2, 128, 12}, Layer{4, 256, 6}}) {
    INFO("x (" << l.n << ", " << l.c << ", " << l.hw << ", " << l.hw << ")");
    NDArray x = test::uniform_input({l.n, l.c, l.hw, l.hw}, -1, 1, 31);
    NDArray w = test::uniform_input({l.c, l.c, 3, 3}, -0.1, 0.1, 32);
    NDArray b = test::uniform_input({l.c}, -1, 1, 33);
    NDArray head = test::uniform_input({l.n, l.c, l.hw, l.hw}, -1, 1, 34);
    check_against_im2col(nd::ConvAlgorithm::winograd, x, w, b, head, 1,
                         {true, true, true});
  }
}

TEST_CASE("Winograd gradients are the same bits on every run", "[conv]") {
  // Many chunks on several threads: the weight gradient's accumulators are
  // summed in a fixed order.
  AlgorithmScope scope(nd::ConvAlgorithm::winograd);
  NDArray x = test::uniform_input({96, 16, 12, 12}, -1, 1, 51);
  NDArray w = test::uniform_input({24, 16, 3, 3}, -1, 1, 52);
  NDArray head = test::uniform_input({96, 24, 12, 12}, -1, 1, 53);
  auto grads = [&] {
    NDArray xc = x.copy(), wc = w.copy();
    xc.attach_grad();
    wc.attach_grad();
    {
      autograd::record recording;
      nd::convolution(xc, wc, NDArray(), {.pad = 1}).backward(head);
    }
    return std::pair(xc.grad().to_vector(), wc.grad().to_vector());
  };
  const auto first = grads();
  for (int run = 0; run < 3; ++run) CHECK(grads() == first);
}

TEST_CASE("Winograd convolution gradients match finite differences", "[conv]") {
  AlgorithmScope scope(nd::ConvAlgorithm::winograd);
  auto x = test::uniform_input({2, 2, 5, 4}, -1, 1, 41);
  auto w = test::uniform_input({3, 2, 3, 3}, -1, 1, 42);
  auto b = test::uniform_input({3}, -1, 1, 43);
  check_gradients(
      [](const Args& in) { return nd::convolution(in[0], in[1], in[2], {.pad = 1}); },
      {x, w, b});
  auto w5 = test::uniform_input({2, 2, 5, 5}, -1, 1, 44);
  check_gradients(
      [](const Args& in) { return nd::convolution(in[0], in[1], NDArray(), {.pad = 2}); },
      {x, w5});
}

TEST_CASE("the convolution algorithm is a process-wide setting", "[conv]") {
  CHECK(nd::conv_algorithm() == nd::ConvAlgorithm::automatic);
  {
    AlgorithmScope scope(nd::ConvAlgorithm::im2col);
    CHECK(nd::conv_algorithm() == nd::ConvAlgorithm::im2col);
  }
  CHECK(nd::conv_algorithm() == nd::ConvAlgorithm::automatic);
}

namespace {

// The convolutions the direct method takes (stride 1, no dilation): LeNet's
// two layers, padding wider than the kernel, rectangular kernels and
// padding, 1x1, rows longer than one block of vectors (48 outputs), every
// count of filters in a block of 8 and past it, one or two filters (fewer
// than a block of the weight gradient's 3), taps not a multiple of 8, no
// bias, and batches of many chunks.
const std::vector<Case> kDirectCases = {
    {3, 1, 28, 28, 6, 5, 5, 1, 2},  {4, 6, 14, 14, 16, 5, 5},
    {2, 2, 5, 6, 3, 3, 3, 1, 3},    {3, 3, 7, 9, 5, 2, 3, 1, {1, 2}},
    {2, 4, 6, 5, 7, 1, 1},          {2, 2, 9, 70, 9, 3, 3, 1, 1},
    {1, 3, 11, 13, 1, 3, 3},        {2, 1, 8, 8, 2, 4, 4, 1, 1, 1, false},
    {2, 5, 6, 6, 8, 3, 3, 1, 1},    {2, 2, 6, 6, 40, 3, 3, 1, 1},
    {60, 3, 10, 10, 4, 3, 3, 1, 1}, {2, 17, 5, 5, 4, 3, 3},
};

}  // namespace

TEST_CASE("direct convolution and its gradients match a naive loop", "[conv]") {
  for (auto algorithm : {nd::ConvAlgorithm::direct, nd::ConvAlgorithm::automatic}) {
    AlgorithmScope scope(algorithm);
    INFO("algorithm " << int(algorithm));
    uint32_t seed = 301;
    for (const auto& k : kDirectCases) compare_with_naive(k, seed += 10);
  }
}

TEST_CASE("direct convolution agrees with im2col on LeNet's layers", "[conv]") {
  struct Layer {
    int64_t c, hw, f, pad;
  };
  for (Layer l : {Layer{1, 28, 6, 2}, Layer{6, 14, 16, 0}}) {
    INFO("x (32, " << l.c << ", " << l.hw << ", " << l.hw << "), " << l.f << " filters");
    NDArray x = test::uniform_input({32, l.c, l.hw, l.hw}, -1, 1, 61);
    NDArray w = test::uniform_input({l.f, l.c, 5, 5}, -0.3, 0.3, 62);
    NDArray b = test::uniform_input({l.f}, -1, 1, 63);
    const int64_t out = l.hw + 2 * l.pad - 4;
    NDArray head = test::uniform_input({32, l.f, out, out}, -1, 1, 64);
    // y may agree to the bit: both add the taps up in the same order.
    check_against_im2col(nd::ConvAlgorithm::direct, x, w, b, head, l.pad,
                         {false, true, true});
  }
}

TEST_CASE("direct convolution gradients match finite differences", "[conv]") {
  AlgorithmScope scope(nd::ConvAlgorithm::direct);
  auto x = test::uniform_input({2, 2, 5, 4}, -1, 1, 71);
  auto w = test::uniform_input({3, 2, 3, 2}, -1, 1, 72);
  auto b = test::uniform_input({3}, -1, 1, 73);
  check_gradients(
      [](const Args& in) {
        return nd::convolution(in[0], in[1], in[2], {.pad = {1, 2}});
      },
      {x, w, b});
}

namespace {

// The convolutions computed tap by tap (any window): 3x3 planes, stride 2,
// rectangular kernels and padding, dilation, padding wider than the kernel
// reaches, 1x1 with stride 2, no bias, and a tap that reads no pixel at all
// (2x2 input, 3x3 kernel, stride 2: the only output's first row of taps is
// all padding).
const std::vector<Case> kTapCases = {
    {2, 3, 5, 5, 4, 3, 3, 1, 1},    {3, 5, 3, 3, 6, 3, 3, 1, 1},
    {2, 4, 6, 6, 5, 3, 3, 2, 1},    {2, 3, 7, 6, 4, 3, 2, 1, {2, 1}},
    {2, 3, 9, 9, 4, 3, 3, 1, 2, 2}, {1, 2, 2, 2, 3, 3, 3, 1, 3},
    {2, 3, 6, 6, 4, 1, 1, 2, 0},    {2, 3, 4, 4, 2, 3, 3, 1, 1, 1, false},
    {2, 3, 2, 2, 4, 3, 3, 2, 1},
};

}  // namespace

TEST_CASE("tap-wise convolution and its gradients match a naive loop", "[conv]") {
  AlgorithmScope scope(nd::ConvAlgorithm::taps);
  uint32_t seed = 501;
  for (const auto& k : kTapCases) compare_with_naive(k, seed += 10);
}

TEST_CASE("tap-wise convolution agrees with im2col on ResNet's small planes", "[conv]") {
  // ResNet-18's last stage (3x3 planes at 512 channels) in a batch large
  // enough for two passes of images.
  NDArray x = test::uniform_input({1000, 512, 3, 3}, -1, 1, 81);
  NDArray w = test::uniform_input({512, 512, 3, 3}, -0.05, 0.05, 82);
  NDArray b = test::uniform_input({512}, -1, 1, 83);
  NDArray head = test::uniform_input({1000, 512, 3, 3}, -1, 1, 84);
  // dx may agree to the bit: both sum each pixel's taps in the same order.
  check_against_im2col(nd::ConvAlgorithm::taps, x, w, b, head, 1, {true, false, false});
  AlgorithmScope scope(nd::ConvAlgorithm::automatic);
  CHECK(nd::convolution(x, w, b, {.pad = 1}).shape() == Shape{1000, 512, 3, 3});
}

TEST_CASE("tap-wise convolution gradients match finite differences", "[conv]") {
  AlgorithmScope scope(nd::ConvAlgorithm::taps);
  auto x = test::uniform_input({2, 2, 3, 4}, -1, 1, 91);
  auto w = test::uniform_input({3, 2, 3, 3}, -1, 1, 92);
  auto b = test::uniform_input({3}, -1, 1, 93);
  check_gradients(
      [](const Args& in) {
        return nd::convolution(in[0], in[1], in[2], {.stride = 2, .pad = 1});
      },
      {x, w, b});
}

TEST_CASE("convolution algorithms by name", "[conv][errors]") {
  using Catch::Matchers::Contains;
  CHECK(nd::conv_algorithm_named("taps") == nd::ConvAlgorithm::taps);
  CHECK(nd::conv_algorithm_named("im2col") == nd::ConvAlgorithm::im2col);
  CHECK_THROWS_WITH(nd::conv_algorithm_named("fft"),
                    Contains("\"fft\"") && Contains("automatic, im2col"));
}
