// Where ResNet-18's time goes: forward and backward of each kind of layer of
// d2l::book::resnet18 at 96x96 (the resnet section's size), batch 64, timed
// one at a time on random inputs; `--network alexnet` does the same for the
// book's AlexNet at 224x224, `--network lenet` for LeNet at 28x28 (the bench's
// batch is 256). Convolutions report GFLOP/s and the fraction
// of the machine's GEMM rate (d2l's nd::dot on 1024^3, as bench/gemm_rate
// measures it), which is what im2col + GEMM could reach at best.
//
//   layer_profile [--network resnet18|alexnet|lenet] [--threads 2] [--batch 64]
//                 [--seconds 1] [--clock wall|cpu] [--only TEXT] [--weights-only]
//                 [--conv automatic|im2col|winograd]
//
// Each time is the median over repetitions. --clock cpu uses the process's
// CPU time and the fastest repetition instead: with --threads 1 that is far
// less disturbed by other programs on the cores than the wall clock (for
// comparing two builds on a busy machine). --only times the layers whose name
// contains TEXT; --weights-only leaves out the input gradients.
//
// "count" is how many layers of that shape the network has; "net ms" is count x
// (forward + backward), the layer's share of one training step.

#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <d2l/d2l.hpp>
#include <functional>
#include <string>
#include <vector>

using namespace d2l;
namespace nn = d2l::gluon::nn;

namespace {

using clock_type = std::chrono::steady_clock;
bool cpu_clock = false;

double seconds_now() {
  if (cpu_clock) {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
  }
  return std::chrono::duration<double>(clock_type::now().time_since_epoch()).count();
}

// Host kernels run synchronously, so a call returns when its work is done.
// Median seconds of `f` over repetitions lasting about `budget` seconds; with
// the CPU clock the fastest repetition (other programs only ever add time).
double time_of(const std::function<void()>& f, double budget) {
  f();  // warm-up: scratch buffers allocated, pages touched
  std::vector<double> s;
  auto begin = clock_type::now();
  while (s.size() < 3 ||
         (std::chrono::duration<double>(clock_type::now() - begin).count() < budget &&
          s.size() < 50)) {
    const double start = seconds_now();
    f();
    s.push_back(seconds_now() - start);
  }
  std::sort(s.begin(), s.end());
  return cpu_clock ? s.front() : s[s.size() / 2];
}

double gemm_gflops(int n, double budget) {
  NDArray a = nd::random::uniform(-1, 1, {n, n}), b = nd::random::uniform(-1, 1, {n, n});
  double s = time_of([&] { nd::dot(a, b); }, budget);
  return 2.0 * n * n * double(n) / s / 1e9;
}

struct Layer {
  std::string name;
  int count;        // layers of this shape in the network
  Shape input;      // (N, C, H, W) or (N, features)
  bool input_grad;  // false for the first layer (the images)
  double flops;     // forward multiply-adds x 2 (convolutions and dense)
  std::shared_ptr<gluon::Block> block;
};

Layer conv(const std::string& name, int count, int64_t n, int64_t c, int64_t hw,
           int64_t f, int64_t k, int64_t stride, int64_t pad, bool input_grad = true,
           const std::string& activation = "") {
  const int64_t out = (hw + 2 * pad - k) / stride + 1;
  auto block = std::make_shared<nn::Conv2D>(f, k, stride, pad, activation);
  return {name, count, {n, c, hw, hw}, input_grad, 2.0 * n * f * c * k * k * out * out,
          block};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Per-layer forward and backward times of ResNet-18 at 96x96"};
  int threads = 2;
  int64_t n = 64;
  double budget = 1.0;
  app.add_option("--threads", threads, "CPU threads")->check(CLI::PositiveNumber);
  app.add_option("--batch", n, "batch size")->check(CLI::PositiveNumber);
  app.add_option("--seconds", budget, "time per measurement");
  std::string clock = "wall";
  app.add_option("--clock", clock, "wall or cpu (process CPU time)")
      ->check(CLI::IsMember({"wall", "cpu"}));
  std::string network = "resnet18";
  app.add_option("--network", network,
                 "resnet18 (at 96x96), alexnet (at 224x224) or lenet (at 28x28)")
      ->check(CLI::IsMember({"resnet18", "alexnet", "lenet"}));
  std::string only;
  app.add_option("--only", only, "time only the layers whose name contains this");
  bool weights_only = false;
  app.add_flag("--weights-only", weights_only,
               "backward computes the weight gradients only (no input gradient)");
  std::string conv_algorithm = "automatic";
  app.add_option("--conv", conv_algorithm,
                 "convolution algorithm: automatic, im2col, winograd, direct or taps")
      ->check(CLI::IsMember(nd::conv_algorithm_names()));
  CLI11_PARSE(app, argc, argv);
  nd::set_conv_algorithm(nd::conv_algorithm_named(conv_algorithm));
  cpu_clock = clock == "cpu";
  set_num_threads(threads);
  nd::random::seed(0);

  const double peak_start = gemm_gflops(1024, budget);

  // Every distinct layer shape of resnet18(10) on (N, 1, 96, 96).
  std::vector<Layer> resnet_layers = {
      conv("conv 7x7 1->64 s2 @96", 1, n, 1, 96, 64, 7, 2, 3, /*input_grad=*/false),
      conv("conv 3x3 64->64 @24", 4, n, 64, 24, 64, 3, 1, 1),
      conv("conv 3x3 64->128 s2 @24", 1, n, 64, 24, 128, 3, 2, 1),
      conv("conv 3x3 128->128 @12", 3, n, 128, 12, 128, 3, 1, 1),
      conv("conv 3x3 128->256 s2 @12", 1, n, 128, 12, 256, 3, 2, 1),
      conv("conv 3x3 256->256 @6", 3, n, 256, 6, 256, 3, 1, 1),
      conv("conv 3x3 256->512 s2 @6", 1, n, 256, 6, 512, 3, 2, 1),
      conv("conv 3x3 512->512 @3", 3, n, 512, 3, 512, 3, 1, 1),
      conv("conv 1x1 64->128 s2 @24", 1, n, 64, 24, 128, 1, 2, 0),
      conv("conv 1x1 128->256 s2 @12", 1, n, 128, 12, 256, 1, 2, 0),
      conv("conv 1x1 256->512 s2 @6", 1, n, 256, 6, 512, 1, 2, 0),
      {"batchnorm 64 @48",
       1,
       {n, 64, 48, 48},
       true,
       0,
       std::make_shared<nn::BatchNorm>()},
      {"batchnorm 64 @24",
       4,
       {n, 64, 24, 24},
       true,
       0,
       std::make_shared<nn::BatchNorm>()},
      {"batchnorm 128 @12",
       5,
       {n, 128, 12, 12},
       true,
       0,
       std::make_shared<nn::BatchNorm>()},
      {"batchnorm 256 @6", 5, {n, 256, 6, 6}, true, 0, std::make_shared<nn::BatchNorm>()},
      {"batchnorm 512 @3", 5, {n, 512, 3, 3}, true, 0, std::make_shared<nn::BatchNorm>()},
      {"relu 64 @48",
       1,
       {n, 64, 48, 48},
       true,
       0,
       std::make_shared<nn::Activation>("relu")},
      {"maxpool 3x3 s2 64 @48",
       1,
       {n, 64, 48, 48},
       true,
       0,
       std::make_shared<nn::MaxPool2D>(3, 2, 1)},
      {"global avgpool 512 @3",
       1,
       {n, 512, 3, 3},
       true,
       0,
       std::make_shared<nn::GlobalAvgPool2D>()},
      {"dense 512->10",
       1,
       {n, 512},
       true,
       2.0 * n * 512 * 10,
       std::make_shared<nn::Dense>(10)},
  };
  auto dense = [&](int64_t in, int64_t out, const std::string& activation = "relu") {
    return Layer{"dense " + std::to_string(in) + "->" + std::to_string(out),
                 1,
                 {n, in},
                 true,
                 2.0 * n * in * out,
                 std::make_shared<nn::Dense>(out, activation)};
  };
  // k x k max pooling with stride 2 (AlexNet's 3x3, LeNet's 2x2).
  auto maxpool = [&](int64_t c, int64_t hw, int64_t k = 3) {
    const std::string size = std::to_string(k) + "x" + std::to_string(k);
    return Layer{
        "maxpool " + size + " s2 " + std::to_string(c) + " @" + std::to_string(hw),
        1,
        {n, c, hw, hw},
        true,
        0,
        std::make_shared<nn::MaxPool2D>(k, 2)};
  };
  // The MXNet book's AlexNet on (N, 1, 224, 224), ReLU in the convolutions'
  // and dense layers' own activations (dropout left out).
  std::vector<Layer> alexnet_layers = {
      conv("conv 11x11 1->96 s4 @224", 1, n, 1, 224, 96, 11, 4, 0, /*input_grad=*/false),
      maxpool(96, 54),
      conv("conv 5x5 96->256 @26", 1, n, 96, 26, 256, 5, 1, 2),
      maxpool(256, 26),
      conv("conv 3x3 256->384 @12", 1, n, 256, 12, 384, 3, 1, 1),
      conv("conv 3x3 384->384 @12", 1, n, 384, 12, 384, 3, 1, 1),
      conv("conv 3x3 384->256 @12", 1, n, 384, 12, 256, 3, 1, 1),
      maxpool(256, 12),
      dense(6400, 4096),
      dense(4096, 4096),
      dense(4096, 10),
  };
  // LeNet as in chapters/05_cnn/lenet.cpp and the bench: sigmoid everywhere
  // but the output, 2x2 max pooling.
  std::vector<Layer> lenet_layers = {
      conv("conv 5x5 1->6 pad 2 @28", 1, n, 1, 28, 6, 5, 1, 2, /*input_grad=*/false,
           "sigmoid"),
      maxpool(6, 28, 2),
      conv("conv 5x5 6->16 @14", 1, n, 6, 14, 16, 5, 1, 0, true, "sigmoid"),
      maxpool(16, 10, 2),
      dense(400, 120, "sigmoid"),
      dense(120, 84, "sigmoid"),
      dense(84, 10, ""),
  };
  std::vector<Layer>& layers = network == "alexnet" ? alexnet_layers
                               : network == "lenet" ? lenet_layers
                                                    : resnet_layers;
  const char* title = network == "alexnet" ? "AlexNet at 224x224"
                      : network == "lenet" ? "LeNet at 28x28"
                                           : "ResNet-18 at 96x96";

  struct Row {
    const Layer* layer;
    double fwd, bwd, bwd_flops;
  };
  std::vector<Row> rows;
  for (Layer& layer : layers) {
    if (layer.name.find(only) == std::string::npos) continue;
    // Layers without weights keep their input gradient: it is all they have.
    if (weights_only && layer.flops > 0) layer.input_grad = false;
    layer.block->initialize(init::Xavier());
    NDArray x = nd::random::uniform(0, 1, layer.input);
    if (layer.input_grad) x.attach_grad();
    NDArray y;
    {
      autograd::record rec;  // shapes inferred, parameters created
      y = (*layer.block)(x);
    }
    NDArray gy = nd::random::uniform(-1, 1, y.shape());
    y.backward(gy);
    const double fwd = time_of(
        [&] {
          autograd::record rec;
          y = (*layer.block)(x);
        },
        budget);
    const double bwd = time_of([&] { y.backward(gy, /*retain_graph=*/true); }, budget);
    // The backward pass of a convolution or dense layer is two products of the
    // forward's size (dW and dX), one without dX for the images.
    rows.push_back({&layer, fwd, bwd, layer.flops * (layer.input_grad ? 2.0 : 1.0)});
  }
  // The GEMM rate again at the end: the better of the two is the machine's
  // (on a shared machine other programs only ever slow it down).
  const double peak = std::max(peak_start, gemm_gflops(1024, budget));

  std::printf(
      "%s, batch %lld, %d threads, %s clock; d2l GEMM "
      "(nd::dot 1024^3, the better of a run before and after the layers): "
      "%.1f GFLOP/s\n\n",
      title, static_cast<long long>(n), threads, clock.c_str(), peak);
  std::printf(
      "| layer | count | fwd ms | bwd ms | fwd GFLOP/s | bwd GFLOP/s "
      "| fwd / GEMM | bwd / GEMM | net ms |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  double total = 0, conv_total = 0, conv_flops = 0;
  for (const Row& r : rows) {
    const Layer& layer = *r.layer;
    const double net_ms = layer.count * (r.fwd + r.bwd) * 1e3;
    total += net_ms;
    if (layer.name.rfind("conv", 0) == 0) {  // and the dense layers apart
      conv_total += net_ms;
      conv_flops += layer.count * (layer.flops + r.bwd_flops);
    }
    if (layer.flops > 0) {
      const double gf = layer.flops / r.fwd / 1e9, gb = r.bwd_flops / r.bwd / 1e9;
      std::printf("| %s | %d | %.2f | %.2f | %.1f | %.1f | %.0f%% | %.0f%% | %.1f |\n",
                  layer.name.c_str(), layer.count, r.fwd * 1e3, r.bwd * 1e3, gf, gb,
                  100 * gf / peak, 100 * gb / peak, net_ms);
    } else {
      std::printf("| %s | %d | %.2f | %.2f | | | | | %.1f |\n", layer.name.c_str(),
                  layer.count, r.fwd * 1e3, r.bwd * 1e3, net_ms);
    }
  }
  if (total > 0) {
    std::printf(
        "\nSum over the network's layers (without the residual additions, "
        "dropout and the other ReLUs): %.0f ms per batch of %lld (%.1f images/s); "
        "convolutions "
        "%.0f ms (%.0f%%), at %.1f GFLOP/s (%.0f%% of the GEMM rate)\n",
        total, static_cast<long long>(n), double(n) / (total / 1e3), conv_total,
        100 * conv_total / total,
        conv_total > 0 ? conv_flops / (conv_total / 1e3) / 1e9 : 0.0,
        conv_total > 0 ? 100 * conv_flops / (conv_total / 1e3) / 1e9 / peak : 0.0);
  }
  return 0;
}
