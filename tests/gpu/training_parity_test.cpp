// Networks on gpu(0): LeNet trained for a few hundred steps on each device from
// the same seed must follow the same loss curve, and a network moved between
// devices keeps its values.
#include <catch2/catch.hpp>
#include <filesystem>

#include "d2l/gluon.hpp"
#include "parity.hpp"

using namespace d2l;
using namespace d2l::gluon;

namespace {

// The book's LeNet (sigmoid, average pooling as in 6.6) on 28x28 images.
void add_lenet(nn::Sequential& net) {
  net.add(nn::Conv2D(6, 5).padding(2).activation("sigmoid"));
  net.add(nn::AvgPool2D(2, 2));
  net.add(nn::Conv2D(16, 5).activation("sigmoid"));
  net.add(nn::AvgPool2D(2, 2));
  net.add(nn::Dense(120, "sigmoid"));
  net.add(nn::Dense(84, "sigmoid"));
  net.add(nn::Dense(10));
}

// Losses of `steps` SGD steps on synthetic batches, on `device`.
std::vector<float> lenet_curve(Device device, int steps, int64_t batch) {
  nd::random::seed(11);
  nn::Sequential net;
  add_lenet(net);
  net.initialize(init::Xavier(), device);
  Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.9f});
  loss::SoftmaxCrossEntropyLoss loss;
  std::vector<float> curve;
  for (int step = 0; step < steps; ++step) {
    nd::random::seed(1000 + uint64_t(step));  // the same batch on both devices
    std::vector<float> labels(static_cast<size_t>(batch));
    for (int64_t i = 0; i < batch; ++i) labels[size_t(i)] = float((step * 7 + i) % 10);
    NDArray y(labels, {batch});
    // Noise, brighter by class: the net has something to learn.
    NDArray x = nd::random::uniform(0, 0.5f, {batch, 1, 28, 28}) +
                (y * 0.05f).reshape({batch, 1, 1, 1});
    NDArray l;
    {
      autograd::record rec;
      l = loss(net(x.as_in_context(device)), y.as_in_context(device));
    }
    l.backward();
    trainer.step(batch);
    curve.push_back(l.mean().asscalar());
  }
  return curve;
}

}  // namespace

TEST_CASE("LeNet follows the same loss curve on the GPU and the CPU", "[gpu][train]") {
  if (!test::gpu_present()) return;
  const int steps = 200;
  const auto on_cpu = lenet_curve(cpu(), steps, 16);
  const auto on_gpu = lenet_curve(gpu(0), steps, 16);
  REQUIRE(on_gpu.size() == on_cpu.size());
  for (int i = 0; i < steps; ++i) {
    INFO("step " << i << ": CPU loss " << on_cpu[size_t(i)] << ", GPU loss "
                 << on_gpu[size_t(i)]);
    // Convolution takes other algorithms on each side, so roundings differ and
    // grow a little with the steps.
    CHECK(std::fabs(on_gpu[size_t(i)] - on_cpu[size_t(i)]) <=
          1e-3f * (1 + std::fabs(on_cpu[size_t(i)])));
  }
  // It learned something: the last ten steps lie below the first ten.
  float first = 0, last = 0;
  for (int i = 0; i < 10; ++i) {
    first += on_cpu[size_t(i)];
    last += on_cpu[size_t(steps - 1 - i)];
  }
  CHECK(last < first);
}

TEST_CASE("a network moves between devices with its values", "[gpu][train]") {
  if (!test::gpu_present()) return;
  nd::random::seed(3);
  nn::Sequential net;
  net.add(nn::Dense(8, "relu"));
  net.add(nn::Dropout(0.5f));
  net.add(nn::BatchNorm());
  net.add(nn::Dense(3));
  net.initialize(init::Normal(0.1f));
  const auto x = test::uniform_input({5, 4}, -1, 1, 60);
  NDArray on_cpu = net(x);  // predicting: dropout off, moving statistics
  const auto weights = net.collect_params()[net.collect_params().keys()[0]].data().copy();
  net.collect_params().reset_ctx(gpu(0));
  for (const auto& p : net.collect_params()) CHECK(p.data().context() == gpu(0));
  test::check_close("forward after reset_ctx(gpu(0))", net(x.as_in_context(gpu(0))),
                    on_cpu, 1e-5f);
  // A training step on the GPU, then back: the parameters came along.
  {
    Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.1f});
    NDArray l;
    {
      autograd::record rec;
      l = nd::sum(net(x.as_in_context(gpu(0))));
    }
    l.backward();
    trainer.step(5);
  }
  net.collect_params().reset_device(cpu());
  const auto moved = net.collect_params()[net.collect_params().keys()[0]].data();
  CHECK(moved.context() == cpu());
  CHECK(nd::sum(nd::abs(moved - weights)).asscalar() > 0);  // the step changed it
}

TEST_CASE("initialize on a device creates deferred parameters there", "[gpu][train]") {
  if (!test::gpu_present()) return;
  nn::Sequential net;
  net.add(nn::Conv2D(4, 3));
  net.add(nn::Dense(2));
  net.initialize(init::Xavier(), gpu(0));
  for (const auto& p : net.collect_params()) CHECK(p.context() == gpu(0));
  NDArray y = net(nd::ones({2, 1, 6, 6}, gpu(0)));
  CHECK(y.context() == gpu(0));
  for (const auto& p : net.collect_params()) CHECK(p.data().context() == gpu(0));
}

TEST_CASE("parameters saved from the GPU load on the CPU", "[gpu][train]") {
  if (!test::gpu_present()) return;
  auto make = [] {
    nn::Sequential net;
    net.add(nn::Conv2D(3, 3).activation("relu"));
    net.add(nn::BatchNorm());
    net.add(nn::Dense(4));
    return net;
  };
  nd::random::seed(8);
  nn::Sequential on_gpu = make();
  on_gpu.initialize(init::Xavier(), gpu(0));
  const auto x = test::uniform_input({2, 1, 7, 7}, -1, 1, 70);
  const NDArray y_gpu = on_gpu(x.as_in_context(gpu(0)));
  const std::string path =
      (std::filesystem::temp_directory_path() / "d2l_gpu_parity_params.npz").string();
  on_gpu.save_parameters(path);
  nn::Sequential on_cpu = make();
  on_cpu.load_parameters(path);
  std::filesystem::remove(path);
  test::check_close("the loaded network's output", y_gpu, on_cpu(x), 1e-5f);
}
