// Training speed of the book's small Fashion-MNIST networks, written with the
// Gluon API as a learner writes them (bench/peer_torch.py is the PyTorch peer).
//
//   train_bench --workload softmax|mlp|conv|lenet|resnet18|alexnet --epochs N
//               --threads T [--num-train N] [--device cpu|gpu]
//
// prints one JSON line: workload, epochs, seconds_per_epoch (median of the
// epochs after the first, a warm-up), examples_per_s, peak_rss_mb, final_loss
// (mean loss over the last epoch). resnet18 (96x96) and alexnet (224x224)
// resize each batch in the DataLoader (transforms::Resize, bilinear) and train
// on the first 512 and 384 examples unless --num-train says otherwise.

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <d2l/d2l.hpp>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

using namespace d2l;
using namespace d2l::book;  // the book's helpers: tests call them unqualified
namespace gdata = d2l::gluon::data;
namespace vision = d2l::gluon::data::vision;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Peak resident set size of the whole process in MiB, loading included
// (Linux reports ru_maxrss in KiB).
double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Starts a new high-water mark of resident memory (Linux's VmHWM); false where
// that is not possible.
bool reset_peak_rss() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

// VmHWM from /proc/self/status in MiB: the peak since reset_peak_rss().
double vm_hwm_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Training speed of the book's small networks on Fashion-MNIST"};
  std::string workload = "mlp";
  int epochs = 4;
  int threads = 2;
  int64_t num_train = 0;
  uint64_t seed = 0;
  app.add_option("--workload", workload, "softmax, mlp, conv, lenet, resnet18 or alexnet")
      ->check(CLI::IsMember({"softmax", "mlp", "conv", "lenet", "resnet18", "alexnet"}));
  app.add_option("--epochs", epochs, "epochs; the first is a warm-up when N > 1")
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "CPU threads (BLAS and ours)")
      ->check(CLI::PositiveNumber);
  app.add_option("--num-train", num_train, "train on the first N examples (0: all)");
  app.add_option("--seed", seed, "random seed");
  std::string device_name = "cpu";
  app.add_option("--device", device_name, "cpu or gpu (gpu(0); batches move there)")
      ->check(CLI::IsMember({"cpu", "gpu"}));
  std::string conv_algorithm = "automatic";
  app.add_option("--conv", conv_algorithm,
                 "convolution algorithm: automatic, im2col, winograd, direct or taps")
      ->check(CLI::IsMember(nd::conv_algorithm_names()));
  CLI11_PARSE(app, argc, argv);
  nd::set_conv_algorithm(nd::conv_algorithm_named(conv_algorithm));

  const Device device = device_name == "gpu" ? gpu(0) : cpu();
  if (device_name == "gpu" && num_gpus() == 0) {
    std::fprintf(stderr, "train_bench: --device gpu, but %s\n", gpu_status().c_str());
    return 2;
  }
  set_num_threads(threads);
  nd::random::seed(seed);

  // The whole training set in memory as float32 in [0, 1]: (n, 1, 28, 28).
  vision::FashionMNIST mnist_train(/*train=*/true);
  int64_t n = mnist_train.size();
  // The two big networks: a few batches per epoch keep one run to a minute or two.
  if (num_train <= 0 && workload == "resnet18") num_train = 512;
  if (num_train <= 0 && workload == "alexnet") num_train = 384;
  if (num_train > 0) n = std::min(n, num_train);
  NDArray X, y;
  {
    std::vector<int64_t> all(n);
    std::iota(all.begin(), all.end(), int64_t{0});
    gdata::Batch everything = mnist_train.gather(all);  // (n, 28, 28, 1), 0..255
    X = vision::transforms::ToTensor()(everything.data);
    y = everything.label;
  }
  // ResNet-18 trains on 96x96 images, AlexNet on 224x224 (the book's sizes);
  // the DataLoader resizes each batch, as the book's load_data_fashion_mnist.
  const int64_t image_size = workload == "resnet18"  ? 96
                             : workload == "alexnet" ? 224
                                                     : 0;
  const int64_t batch = workload == "alexnet" ? 128 : 256;
  gdata::DataLoaderOptions loader_options{.batch_size = batch, .shuffle = true};
  if (image_size > 0) loader_options.transform = vision::transforms::Resize(image_size);
  gdata::DataLoader train_iter(gdata::ArrayDataset(X, y), loader_options);

  // The book's learning rates: 0.1 softmax regression, 0.5 the MLP, 0.9 LeNet
  // (and the conv workload, LeNet's first layer alone before a dense output),
  // 0.05 ResNet-18, 0.01 AlexNet.
  float lr = workload == "softmax"    ? 0.1f
             : workload == "mlp"      ? 0.5f
             : workload == "resnet18" ? 0.05f
             : workload == "alexnet"  ? 0.01f
                                      : 0.9f;
  // d2l::book::resnet18: the network of the resnet section.
  nn::Sequential net = workload == "resnet18" ? resnet18(10) : nn::Sequential();
  if (workload == "alexnet") {  // the MXNet book's AlexNet
    net.add(nn::Conv2D(96, 11, /*strides=*/4, "relu"), nn::MaxPool2D(3, 2),
            nn::Conv2D(256, 5, 1, /*padding=*/2, "relu"), nn::MaxPool2D(3, 2),
            nn::Conv2D(384, 3, 1, 1, "relu"), nn::Conv2D(384, 3, 1, 1, "relu"),
            nn::Conv2D(256, 3, 1, 1, "relu"), nn::MaxPool2D(3, 2),
            nn::Dense(4096, "relu"), nn::Dropout(0.5f), nn::Dense(4096, "relu"),
            nn::Dropout(0.5f), nn::Dense(10));
  } else if (workload == "softmax") {
    net.add(nn::Dense(10));
  } else if (workload == "mlp") {
    net.add(nn::Dense(256, "relu")).add(nn::Dense(10));
  } else if (workload == "conv") {
    // (n, 1, 28, 28) -> (n, 6, 28, 28) -> (n, 10)
    net.add(nn::Conv2D(
                {.channels = 6, .kernel_size = 5, .padding = 2, .activation = "sigmoid"}))
        .add(nn::Dense(10));
  } else if (workload == "lenet") {
    net.add(nn::Conv2D(
                {.channels = 6, .kernel_size = 5, .padding = 2, .activation = "sigmoid"}))
        .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
        .add(nn::Conv2D({.channels = 16, .kernel_size = 5, .activation = "sigmoid"}))
        .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
        .add(nn::Dense(120, "sigmoid"))
        .add(nn::Dense(84, "sigmoid"))
        .add(nn::Dense(10));
  }
  if (workload == "softmax" || workload == "mlp") {
    net.initialize(init::Normal(0.01f), device);
  } else {
    net.initialize(init::Xavier(), device);
  }
  gluon::loss::SoftmaxCrossEntropyLoss loss;
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = lr});

  double load_peak_mb = peak_rss_mb();
  bool reset = reset_peak_rss();
  std::vector<double> seconds, step_seconds;  // steps after the first epoch
  double final_loss = 0;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    double loss_sum = 0;
    int64_t seen = 0;
    auto step_start = std::chrono::steady_clock::now();
    for (const auto& [Xb, yb] : train_iter) {
      NDArray l;
      {
        autograd::record rec;
        l = loss(net(Xb.as_in_context(device)), yb.as_in_context(device));
      }
      l.backward();
      int64_t batch_size = Xb.shape()[0];
      trainer.step(batch_size);
      loss_sum += l.sum().asscalar();
      seen += batch_size;
      auto now = std::chrono::steady_clock::now();
      if (epoch > 0 || epochs == 1) {
        step_seconds.push_back(std::chrono::duration<double>(now - step_start).count());
      }
      step_start = now;
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    seconds.push_back(elapsed.count());
    final_loss = loss_sum / static_cast<double>(seen);
  }

  std::string epoch_seconds;  // every epoch, the warm-up included
  for (double s : seconds) {
    epoch_seconds += (epoch_seconds.empty() ? "" : ", ") + std::to_string(s);
  }
  if (epochs > 1) seconds.erase(seconds.begin());  // the warm-up epoch
  double per_epoch = median(seconds);
#ifdef __AVX512F__  // built with the library's -march=native (bench/CMakeLists.txt)
  const char* gemm = "d2l AVX-512 (12x32 kernel)";  // lib/src/cpu/sgemm_avx512.cpp
#else
  const char* gemm = "OpenBLAS";
#endif
  std::printf(
      "{\"workload\": \"%s\", \"impl\": \"d2l\", \"epochs\": %d, \"threads\": %d, "
      "\"num_train\": %lld, \"seconds_per_epoch\": %.6f, \"examples_per_s\": %.1f, "
      "\"peak_rss_mb\": %.1f, \"load_peak_rss_mb\": %.1f, "
      "\"train_peak_rss_mb\": %.1f, \"final_loss\": %.6f, "
      "\"epoch_seconds\": [%s], \"batch_size\": %lld, \"median_step_seconds\": %.6f, "
      "\"kernels\": \"%s\", \"device\": \"%s\"}\n",
      workload.c_str(), epochs, threads, static_cast<long long>(n), per_epoch,
      static_cast<double>(n) / per_epoch, peak_rss_mb(), load_peak_mb,
      reset ? vm_hwm_mb() : -1.0, final_loss, epoch_seconds.c_str(),
      static_cast<long long>(batch), step_seconds.empty() ? 0.0 : median(step_seconds),
      device == cpu() ? gemm : "cuBLAS + d2l CUDA kernels", device.str().c_str());
  return 0;
}
