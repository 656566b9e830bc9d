// Every op and its gradients on gpu(0) against the CPU, on random shapes:
// broadcasting, odd sizes, batch 1. Each case skips with the reason where no
// GPU exists; CTest also runs the suite on the emulated test device.
#include <catch2/catch.hpp>

#include "d2l/conv_ops.hpp"
#include "d2l/nn_ops.hpp"
#include "parity.hpp"

using namespace d2l;
using test::same_on_gpu;
using test::uniform_input;
using In = std::vector<NDArray>;

TEST_CASE("elementwise ops and their gradients match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  const auto x = uniform_input({3, 17}, -2, 2, 1);
  const auto pos = uniform_input({5, 1, 9}, 0.1f, 3, 2);
  same_on_gpu("negative", [](const In& v) { return nd::negative(v[0]); }, {x});
  same_on_gpu("exp", [](const In& v) { return nd::exp(v[0]); }, {x});
  same_on_gpu("log", [](const In& v) { return nd::log(v[0]); }, {pos});
  same_on_gpu("sqrt", [](const In& v) { return nd::sqrt(v[0]); }, {pos});
  same_on_gpu("square", [](const In& v) { return nd::square(v[0]); }, {x});
  same_on_gpu("abs", [](const In& v) { return nd::abs(v[0]); }, {x});
  same_on_gpu("relu", [](const In& v) { return nd::relu(v[0]); }, {x});
  same_on_gpu("sigmoid", [](const In& v) { return nd::sigmoid(v[0]); }, {x});
  same_on_gpu("tanh", [](const In& v) { return nd::tanh(v[0]); }, {x});
  same_on_gpu("softrelu", [](const In& v) { return nd::softrelu(v[0]); }, {x});
}

TEST_CASE("broadcast binary ops and their gradients match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  const std::vector<std::pair<Shape, Shape>> shapes = {
      {{3, 5}, {3, 5}}, {{3, 5}, {5}},       {{4, 1, 3}, {1, 5, 1}},
      {{1}, {7}},       {{2, 3, 4}, {3, 1}}, {{1, 1}, {1, 1}}};
  uint32_t seed = 10;
  for (const auto& [sa, sb] : shapes) {
    const auto a = uniform_input(sa, -2, 2, seed++);
    const auto b = uniform_input(sb, 0.5f, 2, seed++);  // away from 0 for divide, pow
    const std::string at = " " + shape_str(sa) + " and " + shape_str(sb);
    same_on_gpu("add" + at, [](const In& v) { return v[0] + v[1]; }, {a, b});
    same_on_gpu("subtract" + at, [](const In& v) { return v[0] - v[1]; }, {a, b});
    same_on_gpu("multiply" + at, [](const In& v) { return v[0] * v[1]; }, {a, b});
    same_on_gpu("divide" + at, [](const In& v) { return v[0] / v[1]; }, {a, b});
    same_on_gpu("power" + at, [](const In& v) { return nd::power(v[1], v[0]); }, {a, b});
    same_on_gpu("maximum" + at, [](const In& v) { return nd::maximum(v[0], v[1]); },
                {a, b});
    same_on_gpu("minimum" + at, [](const In& v) { return nd::minimum(v[0], v[1]); },
                {a, b});
    same_on_gpu(
        "greater" + at, [](const In& v) { return nd::greater(v[0], v[1]); }, {a, b}, 0,
        false);
    same_on_gpu(
        "equal" + at, [](const In& v) { return nd::equal(v[0], v[0] * v[1]); }, {a, b}, 0,
        false);
  }
  const auto x = uniform_input({4, 6}, -1, 1, 3);
  same_on_gpu("scalar ops", [](const In& v) { return (v[0] * 3 - 1) / 2 + 0.5f; }, {x});
}

TEST_CASE("reductions and argmax match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  const auto x = uniform_input({4, 7, 5}, -1, 1, 4);
  const auto big = uniform_input({3000}, -1, 1, 5);  // one long row
  same_on_gpu(
      "sum", [](const In& v) { return nd::sum(v[0]); }, {x}, 1e-5f);
  same_on_gpu(
      "sum of a long row", [](const In& v) { return nd::sum(v[0]); }, {big}, 1e-4f);
  same_on_gpu("sum axis 1", [](const In& v) { return nd::sum(v[0], {1}); }, {x});
  same_on_gpu("mean axes 0, 2",
              [](const In& v) {
                return nd::mean(v[0], {0, 2}, true);
              },
              {x});
  same_on_gpu("max axis 2", [](const In& v) { return nd::max(v[0], {2}); }, {x});
  same_on_gpu("min axis 0", [](const In& v) { return nd::min(v[0], {0}); }, {x});
  same_on_gpu(
      "norm", [](const In& v) { return nd::norm(v[0]); }, {x}, 1e-5f);
  same_on_gpu(
      "argmax axis 1", [](const In& v) { return nd::argmax(v[0], 1); }, {x}, 0, false);
  same_on_gpu(
      "argmax of a long row", [](const In& v) { return nd::argmax(v[0], 0); }, {big}, 0,
      false);
}

TEST_CASE("products and layout ops match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  const auto a = uniform_input({5, 33}, -1, 1, 6), b = uniform_input({33, 7}, -1, 1, 7);
  const auto row = uniform_input({1, 33}, -1, 1, 8);
  const auto p = uniform_input({2, 3, 4}, -1, 1, 9),
             q = uniform_input({2, 4, 5}, -1, 1, 10);
  same_on_gpu(
      "dot", [](const In& v) { return nd::dot(v[0], v[1]); }, {a, b}, 1e-5f);
  same_on_gpu(
      "dot of one row", [](const In& v) { return nd::dot(v[0], v[1]); }, {row, b}, 1e-5f);
  same_on_gpu(
      "dot transposed", [](const In& v) { return nd::dot(v[1].T(), v[0].T()); }, {a, b},
      1e-5f);
  same_on_gpu(
      "batch_dot", [](const In& v) { return nd::batch_dot(v[0], v[1]); }, {p, q}, 1e-5f);
  same_on_gpu("transpose",
              [](const In& v) {
                return nd::transpose(v[0], {2, 0, 1});
              },
              {p});
  same_on_gpu("reshape", [](const In& v) { return v[0].reshape({4, -1}) * 2; }, {p});
  same_on_gpu("broadcast_to",
              [](const In& v) {
                return nd::broadcast_to(v[0], {3, 33});
              },
              {row});
  same_on_gpu("slice_axis", [](const In& v) { return nd::slice_axis(v[0], 1, 2, 30); },
              {a});
  same_on_gpu("index read",
              [](const In& v) {
                return v[0][{Slice{1, 4}, 3}].copy();
              },
              {a});
  same_on_gpu("concat",
              [](const In& v) {
                return nd::concat({v[0], v[1]}, 2);
              },
              {p, uniform_input({2, 3, 2}, -1, 1, 11)});
  same_on_gpu("stack",
              [](const In& v) {
                return nd::stack({v[0], v[1]}, 1);
              },
              {a, uniform_input({5, 33}, -1, 1, 12)});
  const NDArray rows{4, 0, 4, 2};  // repeats: the gradient adds them up
  same_on_gpu(
      "take",
      [&](const In& v) { return nd::take(v[0], rows.as_in_context(v[0].context())); },
      {a});
  const NDArray cols{3, 0, 32, 1, 7};
  same_on_gpu(
      "pick",
      [&](const In& v) { return nd::pick(v[0], cols.as_in_context(v[0].context())); },
      {a});
}

TEST_CASE("softmax and the losses match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  const auto logits = uniform_input({6, 10}, -4, 4, 13);
  const NDArray labels{0, 9, 3, 3, 5, 1};
  const auto targets = uniform_input({6, 10}, 0, 1, 14);
  same_on_gpu("softmax", [](const In& v) { return nd::softmax(v[0]); }, {logits});
  same_on_gpu("log_softmax", [](const In& v) { return nd::log_softmax(v[0]); }, {logits});
  same_on_gpu("softmax_cross_entropy",
              [&](const In& v) {
                return nd::softmax_cross_entropy(v[0],
                                                 labels.as_in_context(v[0].context()));
              },
              {logits});
  same_on_gpu("sigmoid_binary_cross_entropy",
              [&](const In& v) {
                return nd::sigmoid_binary_cross_entropy(
                    v[0], targets.as_in_context(v[0].context()));
              },
              {logits});
}

TEST_CASE("convolutions and their gradients match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  struct Case {
    Shape x, w;
    nd::ConvolutionOptions o;
    bool bias;
  };
  const std::vector<Case> cases = {
      {{2, 3, 7, 7}, {4, 3, 3, 3}, {.pad = 1}, true},
      {{2, 3, 9, 8}, {5, 3, 3, 3}, {.stride = 2, .pad = 1}, true},
      {{1, 2, 9, 9}, {3, 2, 3, 3}, {.pad = 2, .dilate = 2}, false},
      {{3, 4, 5, 6}, {2, 4, 1, 1}, {}, true},
      {{1, 1, 28, 28}, {6, 1, 5, 5}, {.pad = 2}, true},   // LeNet's first layer
      {{2, 16, 8, 8}, {16, 16, 3, 3}, {.pad = 1}, true},  // Winograd on the CPU
      {{1, 3, 23, 23}, {8, 3, 7, 7}, {.stride = 2, .pad = 3}, false}};  // a stem
  uint32_t seed = 20;
  for (const auto& c : cases) {
    const std::string what = "convolution " + shape_str(c.x) + " * " + shape_str(c.w);
    const auto x = uniform_input(c.x, -1, 1, seed++),
               w = uniform_input(c.w, -1, 1, seed++);
    if (c.bias) {
      same_on_gpu(
          what, [&](const In& v) { return nd::convolution(v[0], v[1], v[2], c.o); },
          {x, w, uniform_input({c.w[0]}, -1, 1, seed++)}, 1e-4f);
    } else {
      same_on_gpu(
          what, [&](const In& v) { return nd::convolution(v[0], v[1], NDArray(), c.o); },
          {x, w}, 1e-4f);
    }
  }
}

TEST_CASE("pooling and its gradients match on the GPU", "[gpu]") {
  if (!test::gpu_present()) return;
  const auto x = uniform_input({2, 3, 9, 10}, -1, 1, 30);
  const std::vector<std::pair<std::string, nd::PoolingOptions>> cases = {
      {"max 2x2", {.kernel = 2, .stride = 2}},
      {"max 3x3 stride 2 pad 1", {.kernel = 3, .stride = 2, .pad = 1}},
      {"avg 3x3 stride 1 pad 1", {.kernel = 3, .stride = 1, .pad = 1, .type = "avg"}},
      {"global avg", {.type = "avg", .global = true}},
      {"global max", {.global = true}}};
  for (const auto& [what, o] : cases) {
    same_on_gpu("pooling " + what, [&](const In& v) { return nd::pooling(v[0], o); },
                {x});
  }
}

TEST_CASE("batch normalization matches on the GPU, moving statistics too", "[gpu]") {
  if (!test::gpu_present()) return;
  for (const Shape& s : {Shape{4, 3, 5, 5}, Shape{6, 4}, Shape{1, 2, 3, 3}}) {
    const int64_t c = s[1];
    const auto x = uniform_input(s, -2, 3, 40), gamma = uniform_input({c}, 0.5f, 2, 41);
    const auto beta = uniform_input({c}, -1, 1, 42);
    NDArray mean_cpu = nd::zeros({c}), var_cpu = nd::ones({c});
    NDArray mean_gpu = nd::zeros({c}, gpu(0)), var_gpu = nd::ones({c}, gpu(0));
    // Training mode (inside record): batch statistics, moving ones updated.
    same_on_gpu(
        "batch_norm " + shape_str(s),
        [&](const In& v) {
          const bool on_gpu = v[0].context() == gpu(0);
          return nd::batch_norm(v[0], v[1], v[2], on_gpu ? mean_gpu : mean_cpu,
                                on_gpu ? var_gpu : var_cpu);
        },
        {x, gamma, beta}, 1e-4f);
    test::check_close("moving mean", mean_gpu, mean_cpu, 1e-5f);
    test::check_close("moving variance", var_gpu, var_cpu, 1e-5f);
    // Prediction mode: the moving statistics.
    autograd::predict_mode predict;
    test::check_close("batch_norm predicting",
                      nd::batch_norm(x.as_in_context(gpu(0)), gamma.as_in_context(gpu(0)),
                                     beta.as_in_context(gpu(0)), mean_gpu, var_gpu),
                      nd::batch_norm(x, gamma, beta, mean_cpu, var_cpu), 1e-5f);
  }
}

TEST_CASE("random numbers are the same on the GPU for the same seed", "[gpu]") {
  if (!test::gpu_present()) return;
  nd::random::seed(5);
  auto a = nd::random::normal(0, 1, {3, 50});
  auto u = nd::random::uniform(-1, 1, {20});
  nd::random::seed(5);
  auto ga = nd::random::normal(0, 1, {3, 50}, gpu(0));
  auto gu = nd::random::uniform(-1, 1, {20}, gpu(0));
  test::check_close("normal", ga, a, 0);
  test::check_close("uniform", gu, u, 0);
}

TEST_CASE("in-place writes on the GPU match the CPU", "[gpu]") {
  if (!test::gpu_present()) return;
  auto x = uniform_input({4, 5}, -1, 1, 50);
  auto g = x.copyto(gpu(0));
  const auto y = uniform_input({5}, -1, 1, 51);
  x += y;
  g += y.as_in_context(gpu(0));
  x[{1}] = 7.0f;
  g[{1}] = 7.0f;
  x[{Slice{}, Slice{1, 3}}] = nd::ones({4, 2});
  g[{Slice{}, Slice{1, 3}}] = nd::ones({4, 2}, gpu(0));
  x *= 2;
  g *= 2;
  test::check_close("after in-place writes", g, x, 1e-6f);
}

TEST_CASE("a bad index on the GPU is an error naming it", "[gpu]") {
  if (!test::gpu_present()) return;
  auto logits = nd::zeros({3, 4}, gpu(0));
  NDArray labels = NDArray{1, 4, 0}.as_in_context(gpu(0));
  REQUIRE_THROWS_WITH(nd::softmax_cross_entropy(logits, labels),
                      Catch::Contains("label 4 at position 1"));
  REQUIRE_THROWS_WITH(nd::take(logits, NDArray{0, 2.5f}.as_in_context(gpu(0))),
                      Catch::Contains("index 2.5 at position 1"));
  REQUIRE_THROWS_WITH(nd::pick(logits, NDArray{0, 1, -1}.as_in_context(gpu(0))),
                      Catch::Contains("at position 2"));
}

TEST_CASE("arrays on two devices are an error naming both", "[gpu]") {
  if (!test::gpu_present()) return;
  auto a = nd::ones({2, 2});
  auto b = nd::ones({2, 2}, gpu(0));
  REQUIRE_THROWS_WITH(a + b, Catch::Contains("cpu(0)") && Catch::Contains("gpu(0)"));
  REQUIRE_THROWS_WITH(nd::dot(a, b), Catch::Contains("as_in_context"));
  REQUIRE_THROWS_WITH(b.data(), Catch::Contains("host"));
  CHECK(b.copyto(gpu(0)).storage_id() != b.storage_id());
  CHECK(b.as_in_context(gpu(0)).storage_id() == b.storage_id());
}
