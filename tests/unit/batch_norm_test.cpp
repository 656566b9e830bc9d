// nd::batch_norm and nn::BatchNorm: values against hand computations for
// (N, C) and (N, C, H, W) batches, the gradients of x, gamma and beta against
// finite differences, MXNet's rule for the moving statistics over several
// steps, prediction mode, use_global_stats, the layer's deferred shape and
// parameter names, and a save/load round trip that keeps the running statistics.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <vector>

#include "d2l/d2l.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Args = std::vector<NDArray>;

namespace {

constexpr double kEps = 1e-5;

// Per-channel mean and biased variance of x viewed as (outer, c, inner),
// computed in double with plain loops.
struct Stats {
  std::vector<double> mean, var;
};
Stats channel_stats(const std::vector<float>& x, int64_t outer, int64_t c,
                    int64_t inner) {
  Stats s{std::vector<double>(c, 0), std::vector<double>(c, 0)};
  const double m = double(outer * inner);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < c; ++j)
      for (int64_t i = 0; i < inner; ++i) s.mean[j] += x[(o * c + j) * inner + i] / m;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < c; ++j)
      for (int64_t i = 0; i < inner; ++i) {
        const double t = x[(o * c + j) * inner + i] - s.mean[j];
        s.var[j] += t * t / m;
      }
  return s;
}

// gamma (x - mean) / sqrt(var + eps) + beta per channel.
std::vector<float> normalized(const std::vector<float>& x,
                              const std::vector<double>& mean,
                              const std::vector<double>& var,
                              const std::vector<float>& gamma,
                              const std::vector<float>& beta, int64_t outer, int64_t c,
                              int64_t inner) {
  std::vector<float> y(x.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < c; ++j)
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t k = (o * c + j) * inner + i;
        y[k] = float(gamma[j] * (x[k] - mean[j]) / std::sqrt(var[j] + kEps) + beta[j]);
      }
  return y;
}

std::vector<float> to_float(const std::vector<double>& v) {
  return std::vector<float>(v.begin(), v.end());
}

}  // namespace

TEST_CASE("batch_norm normalizes an (N, C) batch with its own statistics",
          "[batch_norm]") {
  NDArray x{{1, 2}, {3, 6}, {5, 10}};
  NDArray gamma{2, 0.5f}, beta{1, -1};
  NDArray mm = nd::zeros({2}), mv = nd::ones({2});
  NDArray y;
  {
    autograd::record rec;  // training mode
    y = nd::batch_norm(x, gamma, beta, mm, mv);
  }
  // Channel 0: mean 3, biased variance (4 + 0 + 4) / 3; channel 1: mean 6, 32 / 3.
  const double v0 = 8.0 / 3, v1 = 32.0 / 3;
  const double s0 = std::sqrt(v0 + kEps), s1 = std::sqrt(v1 + kEps);
  check_values(y,
               {float(2 * -2 / s0 + 1), float(0.5 * -4 / s1 - 1), 1.0f, -1.0f,
                float(2 * 2 / s0 + 1), float(0.5 * 4 / s1 - 1)},
               {3, 2});
  // One step of moving = 0.9 moving + 0.1 batch, the biased variance included.
  check_values(mm, {0.3f, 0.6f}, {2});
  check_values(mv, {float(0.9 + 0.1 * v0), float(0.9 + 0.1 * v1)}, {2});
  // MXNet's spelling is the same op.
  NDArray mm2 = nd::zeros({2}), mv2 = nd::ones({2});
  autograd::train_mode train;
  check_flat(nd::BatchNorm(x, gamma, beta, mm2, mv2), y.to_vector());
}

TEST_CASE("batch_norm normalizes each channel of an NCHW batch over N, H and W",
          "[batch_norm]") {
  // Channel 0 holds 0, 1, 4, 5 (mean 2.5), channel 1 holds 2, 3, 6, 7 (mean
  // 4.5); both have biased variance (6.25 + 2.25 + 2.25 + 6.25) / 4 = 4.25.
  NDArray x = nd::arange(8).reshape({2, 2, 1, 2});
  NDArray mm = nd::zeros({2}), mv = nd::ones({2});
  NDArray y;
  {
    autograd::train_mode train;
    y = nd::batch_norm(x, nd::ones({2}), nd::zeros({2}), mm, mv);
  }
  const float s = float(std::sqrt(4.25 + kEps));
  check_values(y,
               {-2.5f / s, -1.5f / s, -2.5f / s, -1.5f / s, 1.5f / s, 2.5f / s, 1.5f / s,
                2.5f / s},
               {2, 2, 1, 2});
  check_values(mm, {0.25f, 0.45f}, {2});
  check_values(mv, {0.9f + 0.425f, 0.9f + 0.425f}, {2});

  // A larger batch against the loop in double, with gamma and beta.
  NDArray z = test::uniform_input({4, 3, 5, 6}, -2, 3, 11);
  NDArray g{0.5f, 1, 2}, b{0, 1, -1};
  NDArray mm2 = nd::zeros({3}), mv2 = nd::ones({3});
  Stats st = channel_stats(z.to_vector(), 4, 3, 30);
  autograd::train_mode train;
  check_values(
      nd::batch_norm(z, g, b, mm2, mv2),
      normalized(z.to_vector(), st.mean, st.var, g.to_vector(), b.to_vector(), 4, 3, 30),
      {4, 3, 5, 6}, 1e-4f);
}

TEST_CASE("batch_norm's axis picks the channel axis as MXNet's", "[batch_norm]") {
  NDArray x = test::uniform_input({3, 5}, -1, 1, 3);
  NDArray gamma{1, 2, 3}, beta{0, 0.5f, 1};
  autograd::train_mode train;
  NDArray mm = nd::zeros({3}), mv = nd::ones({3});
  NDArray by_rows = nd::batch_norm(x, gamma, beta, mm, mv, {.axis = 0});
  NDArray mm2 = nd::zeros({3}), mv2 = nd::ones({3});
  NDArray by_cols = nd::batch_norm(x.T(), gamma, beta, mm2, mv2, {.axis = -1}).T();
  check_flat(by_rows, by_cols.to_vector());
  check_flat(mm, mm2.to_vector());
  check_flat(mv, mv2.to_vector());
}

TEST_CASE("batch_norm's gradients for x, gamma and beta match finite differences",
          "[batch_norm][grad]") {
  // Fresh moving statistics in every call and training mode forced: the finite
  // differences evaluate outside record (prediction mode otherwise), and each
  // training call rewrites the moving statistics it is given.
  auto train_bn = [](const Args& a) {
    autograd::train_mode train;
    const int64_t c = a[1].size();
    NDArray mm = nd::zeros({c}), mv = nd::ones({c});
    return nd::batch_norm(a[0], a[1], a[2], mm, mv);
  };
  SECTION("(N, C)") {
    check_gradients(train_bn, {test::uniform_input({5, 3}, -1, 1, 1),
                               test::uniform_input({3}, 0.5f, 1.5f, 2),
                               test::uniform_input({3}, -1, 1, 3)});
  }
  SECTION("(N, C, H, W)") {
    check_gradients(train_bn, {test::uniform_input({2, 3, 3, 2}, -1, 1, 4),
                               test::uniform_input({3}, 0.5f, 1.5f, 5),
                               test::uniform_input({3}, -1, 1, 6)});
  }
  SECTION("rows long enough for the vector lanes") {
    check_gradients(train_bn, {test::uniform_input({2, 2, 5, 7}, -1, 1, 7),
                               test::uniform_input({2}, 0.5f, 1.5f, 8),
                               test::uniform_input({2}, -1, 1, 9)});
  }
  SECTION("fixed statistics (prediction mode and use_global_stats)") {
    for (bool global : {false, true}) {
      INFO("use_global_stats " << global);
      auto fixed_bn = [global](const Args& a) {
        NDArray mm{0.2f, -0.1f, 0.3f}, mv{0.5f, 2, 1.5f};
        if (global) {
          autograd::train_mode train;
          return nd::batch_norm(a[0], a[1], a[2], mm, mv, {.use_global_stats = true});
        }
        autograd::predict_mode predict;  // also inside record
        return nd::batch_norm(a[0], a[1], a[2], mm, mv);
      };
      check_gradients(fixed_bn, {test::uniform_input({2, 3, 2, 2}, -1, 1, 10),
                                 test::uniform_input({3}, 0.5f, 1.5f, 11),
                                 test::uniform_input({3}, -1, 1, 12)});
    }
  }
}

TEST_CASE("batch_norm's moving statistics follow MXNet's rule over several steps",
          "[batch_norm]") {
  const float momentum = 0.8f;  // not the default, so a hard-coded 0.9 fails
  NDArray mm{0.5f, -1}, mv{2, 0.5f};
  std::vector<double> want_mean{0.5, -1}, want_var{2, 0.5};
  NDArray gamma = nd::ones({2}), beta = nd::zeros({2});
  for (uint32_t step = 0; step < 3; ++step) {
    NDArray x = test::uniform_input({3, 2, 2, 2}, -1.0f + step, 2.0f + 2 * step, step);
    Stats st = channel_stats(x.to_vector(), 3, 2, 4);
    for (int j = 0; j < 2; ++j) {
      want_mean[j] = momentum * want_mean[j] + (1 - momentum) * st.mean[j];
      want_var[j] = momentum * want_var[j] + (1 - momentum) * st.var[j];
    }
    autograd::record rec;
    NDArray y = nd::batch_norm(x, gamma, beta, mm, mv, {.momentum = momentum});
  }
  check_values(mm, to_float(want_mean), {2}, 1e-5f);
  check_values(mv, to_float(want_var), {2}, 1e-5f);
}

TEST_CASE("batch_norm in prediction mode uses the moving statistics and keeps them",
          "[batch_norm]") {
  NDArray x{{1, 2}, {3, 6}, {5, 10}};
  NDArray gamma{2, 0.5f}, beta{1, -1};
  NDArray mm{1, 4}, mv{4, 9};
  const std::vector<float> want = normalized(
      x.to_vector(), {1, 4}, {4, 9}, gamma.to_vector(), beta.to_vector(), 3, 2, 1);
  NDArray predicted = nd::batch_norm(x, gamma, beta, mm, mv);  // not recording
  check_values(predicted, want, {3, 2});
  check_flat(mm, {1, 4});
  check_flat(mv, {4, 9});
  NDArray trained;
  {
    autograd::record rec;
    trained = nd::batch_norm(x, gamma, beta, mm, mv);
  }
  // The batch statistics differ from the moving ones, so the outputs differ.
  CHECK(nd::abs(trained - predicted).max().asscalar() > 0.1f);
  // use_global_stats: training mode, yet the moving statistics, unchanged.
  NDArray mm2{1, 4}, mv2{4, 9};
  {
    autograd::record rec;
    check_values(nd::batch_norm(x, gamma, beta, mm2, mv2, {.use_global_stats = true}),
                 want, {3, 2});
  }
  check_flat(mm2, {1, 4});
  check_flat(mv2, {4, 9});
}

TEST_CASE("batch_norm records one op whose backward survives the moving update",
          "[batch_norm][grad]") {
  NDArray x = test::uniform_input({4, 3}, -1, 1, 21);
  NDArray gamma = nd::ones({3}), beta = nd::zeros({3});
  NDArray mm = nd::zeros({3}), mv = nd::ones({3});
  for (NDArray* a : {&x, &gamma, &beta}) a->attach_grad();
  NDArray loss;
  {
    autograd::record rec;
    // Two calls in one graph: the second rewrites the moving statistics, which
    // the first call's node must not depend on.
    NDArray y1 = nd::batch_norm(x, gamma, beta, mm, mv);
    NDArray y2 = nd::batch_norm(x * 2, gamma, beta, mm, mv);
    loss = ((y1 + y2) * NDArray{1, 2, 3}).sum();
  }
  REQUIRE_NOTHROW(loss.backward());
  // Normalized values sum to 0 per channel, so sum(dy * xhat) drives gamma and
  // sum(dy) = 2 * N * weight drives beta.
  check_values(beta.grad(), {8, 16, 24}, {3});
  // A constant per-channel weight on a normalized output has no x gradient.
  check_values(x.grad(), std::vector<float>(12, 0), {4, 3}, 1e-4f);
}

TEST_CASE("batch_norm errors name the op, the shapes and the fix", "[batch_norm]") {
  NDArray x = nd::ones({4, 3});
  NDArray c3 = nd::ones({3}), c2 = nd::ones({2});
  CHECK_THROWS_WITH(nd::batch_norm(x, c2, c3, c3, c3),
                    Catch::Contains("BatchNorm") && Catch::Contains("gamma") &&
                        Catch::Contains("(2,)") && Catch::Contains("(4, 3)") &&
                        Catch::Contains("(3,)"));
  CHECK_THROWS_WITH(nd::batch_norm(x, c3, c3, c3, c2),
                    Catch::Contains("moving_var") && Catch::Contains("(2,)"));
  CHECK_THROWS_WITH(nd::batch_norm(x, c3, c3, c3, c3, {.axis = 2}),
                    Catch::Contains("BatchNorm") && Catch::Contains("axis"));
  CHECK_THROWS_WITH(nd::batch_norm(x, c3, c3, c3, c3, {.momentum = 1.5f}),
                    Catch::Contains("momentum"));
}

// ---- nn::BatchNorm ------------------------------------------------------------

TEST_CASE("nn::BatchNorm infers its channels and names its parameters as Gluon",
          "[batch_norm][gluon]") {
  gluon::NameManager names;
  nn::BatchNorm bn;
  CHECK(bn.repr() ==
        "BatchNorm(axis=1, eps=1e-05, momentum=0.9, fix_gamma=False, "
        "use_global_stats=False, in_channels=None)");
  bn.initialize(init::Normal(1));  // the parameters keep their own initializers
  CHECK(bn.gamma.shape() == Shape{0});
  CHECK_THROWS_WITH(bn.gamma.data(), Catch::Contains("deferred"));
  NDArray x = test::uniform_input({2, 3, 4, 4}, -1, 1, 5);
  NDArray y = bn(x);  // prediction mode: running statistics 0 and 1
  CHECK(y.shape() == x.shape());
  check_flat(y, (x / std::sqrt(1.0f + 1e-5f)).to_vector());
  CHECK(bn.collect_params().keys() ==
        std::vector<std::string>{"batchnorm0_gamma", "batchnorm0_beta",
                                 "batchnorm0_running_mean", "batchnorm0_running_var"});
  check_values(bn.gamma.data(), {1, 1, 1}, {3});
  check_values(bn.beta.data(), {0, 0, 0}, {3});
  check_values(bn.running_mean.data(), {0, 0, 0}, {3});
  check_values(bn.running_var.data(), {1, 1, 1}, {3});
  CHECK(bn.gamma.grad_req() == GradReq::write);
  CHECK(bn.beta.grad_req() == GradReq::write);
  CHECK(bn.running_mean.grad_req() == GradReq::null);
  CHECK(bn.running_var.grad_req() == GradReq::null);
  CHECK(bn.repr().find("in_channels=3)") != std::string::npos);
  CHECK_THROWS_WITH(bn(nd::ones({2, 4, 4, 4})), Catch::Contains("batchnorm0_") &&
                                                    Catch::Contains("3 channels") &&
                                                    Catch::Contains("(2, 4, 4, 4)"));
  // A second layer counts on; in_channels known from the start.
  nn::BatchNorm known({.in_channels = 6});
  known.initialize();
  CHECK(known.running_var.data().shape() == Shape{6});
  CHECK(known.gamma.name() == "batchnorm1_gamma");
  // Without scale and center, gamma and beta are fixed at 1 and 0.
  nn::BatchNorm fixed({.center = false, .scale = false});
  CHECK(fixed.gamma.grad_req() == GradReq::null);
  CHECK(fixed.beta.grad_req() == GradReq::null);
  CHECK(fixed.repr().find("fix_gamma=True") != std::string::npos);
  CHECK_THROWS_WITH(nn::BatchNorm({.momentum = 2}), Catch::Contains("momentum"));
}

TEST_CASE(
    "nn::BatchNorm trains gamma and beta while the Trainer leaves the running "
    "statistics to the forward pass",
    "[batch_norm][gluon]") {
  nn::Sequential net;
  net.add(nn::Dense(4), nn::BatchNorm({.momentum = 0.5f}));
  nd::random::seed(3);
  net.initialize(init::Normal(0.5f));
  auto& bn = net.at<nn::BatchNorm>(1);
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.1f});
  NDArray x = test::uniform_input({8, 5}, -1, 1, 4);
  NDArray h = net[0](x);  // prediction mode: the Dense output the layer will see
  Stats st = channel_stats(h.to_vector(), 8, 4, 1);
  NDArray loss;
  {
    autograd::record rec;
    loss = (net(x) * test::uniform_input({8, 4}, 0, 1, 9)).sum();
  }
  loss.backward();
  std::vector<double> want_mean(4), want_var(4);
  for (int j = 0; j < 4; ++j) {
    want_mean[j] = 0.5 * 0 + 0.5 * st.mean[j];
    want_var[j] = 0.5 * 1 + 0.5 * st.var[j];
  }
  check_values(bn.running_mean.data(), to_float(want_mean), {4}, 1e-5f);
  check_values(bn.running_var.data(), to_float(want_var), {4}, 1e-5f);
  NDArray beta_grad = bn.beta.grad().copy();
  trainer.step(1);
  // The step moved beta by -lr * grad and left the running statistics alone.
  check_flat(bn.beta.data(), (beta_grad * -0.1f).to_vector());
  check_values(bn.running_mean.data(), to_float(want_mean), {4}, 1e-5f);
  check_values(bn.running_var.data(), to_float(want_var), {4}, 1e-5f);
}

TEST_CASE("save_parameters and load_parameters keep BatchNorm's running statistics",
          "[batch_norm][gluon][io]") {
  auto make = [] {
    nn::Sequential net;
    net.add(nn::Conv2D(2, 3), nn::BatchNorm(), nn::Activation("relu"),
            nn::GlobalAvgPool2D());
    return net;
  };
  nn::Sequential net = make();
  nd::random::seed(1);
  net.initialize(init::Xavier());
  for (uint32_t step = 0; step < 3; ++step) {
    autograd::record rec;
    NDArray y = net(test::uniform_input({2, 1, 6, 6}, -1, 1, 30 + step));
  }
  auto& bn = net.at<nn::BatchNorm>(1);
  std::vector<float> mean = bn.running_mean.data().to_vector();
  std::vector<float> var = bn.running_var.data().to_vector();
  CHECK(mean != std::vector<float>{0, 0});  // three steps moved them
  CHECK(var != std::vector<float>{1, 1});

  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "d2l_batch_norm_test";
  fs::create_directories(dir);
  const std::string path = (dir / "net.params").string();
  net.save_parameters(path);
  CHECK(nd::load_dict(path).count("1.running_mean") == 1);
  CHECK(nd::load_dict(path).count("1.running_var") == 1);

  nn::Sequential fresh = make();
  fresh.load_parameters(path);  // uninitialized: the file fixes the shapes
  auto& loaded = fresh.at<nn::BatchNorm>(1);
  check_flat(loaded.running_mean.data(), mean, 0);
  check_flat(loaded.running_var.data(), var, 0);
  NDArray x = test::uniform_input({3, 1, 6, 6}, -1, 1, 40);
  check_flat(fresh(x), net(x).to_vector(), 0);  // prediction mode: running stats
  fs::remove(path);
}
