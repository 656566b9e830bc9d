//! # GPUs
//!
//! Every array lives on one device: the host's memory (`cpu()`) or the memory of
//! a GPU (`gpu(0)`, `gpu(1)`, ...), which MXNet calls the array's context. An
//! operation runs where its inputs are, so moving data to a GPU is how a program
//! asks for GPU computation. This page shows how to find the GPUs, create and
//! copy arrays on them, what happens when the inputs of one operation live on
//! two devices, how to put a whole network on a GPU, and when a GPU is worth it.
//!
//! The program runs on any machine. Where there is no GPU it says so, and each
//! step shows what it does on the CPU and what the GPU step would be.
#include <d2l/d2l.hpp>
#include <iostream>
#include <stdexcept>

using namespace d2l;

// Seconds per call of `work`, run `repeats` times after one warm-up call; `work`
// ends by reading a value, which waits for a GPU to finish.
template <class Work>
double seconds_per_call(int repeats, Work&& work) {
  work();
  book::Timer timer;
  for (int i = 0; i < repeats; ++i) work();
  return timer.stop() / repeats;
}

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## Devices
  //!
  //! `cpu()` is the host; every array so far was made there. `num_gpus()` counts
  //! the GPUs the CUDA driver reports, and `gpu_status()` says which ones they are
  //! or why there are none. `try_gpu(i)` returns `gpu(i)` if it exists and
  //! `cpu()` otherwise, so the same program uses a GPU where there is one.
  chapter.section("Devices");
  std::cout << cpu() << " " << gpu() << " " << gpu(1) << "\n";
  const int gpus = num_gpus();
  std::cout << "num_gpus(): " << gpus << "\n" << gpu_status() << "\n";
  const Device device = try_gpu();
  std::cout << "try_gpu(): " << device << ", try_gpu(10): " << try_gpu(10) << "\n";
  if (gpus == 0) {
    std::cout << "No GPU on this machine: the steps below run on the CPU and say "
                 "what they would do on gpu(0).\n";
  }
  chapter.result("num_gpus", double(gpus));

  //! ## Arrays on a Device
  //!
  //! `context()` tells where an array lives. The creation functions take a
  //! device as their last argument. `copyto(d)` always makes a new copy on `d`;
  //! `as_in_context(d)` returns the array itself when it is already there, which
  //! is what a training loop wants when it moves each batch.
  chapter.section("Arrays on a Device");
  NDArray x = nd::ones({2, 3});
  std::cout << "x.context(): " << x.context() << "\n";
  NDArray y = nd::random::uniform(0, 1, {2, 3}, device);
  std::cout << "y on " << y.context() << ":\n" << y << "\n";
  NDArray z = x.copyto(device);
  std::cout << "z = x.copyto(" << device << ") lives on " << z.context() << "\n";
  const bool same_storage = z.as_in_context(device).storage_id() == z.storage_id();
  const bool new_storage = z.copyto(device).storage_id() != z.storage_id();
  std::cout << "z.as_in_context(" << device << ") is z itself: " << std::boolalpha
            << same_storage << "; z.copyto(" << device
            << ") is a new array: " << new_storage << "\n";
  std::cout << "y + z, computed on " << (y + z).context() << ":\n" << y + z << "\n";
  chapter.result("as_in_context_shares", same_storage ? 1.0 : 0.0);
  chapter.result("copyto_copies", new_storage ? 1.0 : 0.0);

  //! A GPU that does not exist is an error when it is used, and the message
  //! says what exists.
  bool missing_fails = false;
  try {
    nd::ones({2}, gpu(gpus));
  } catch (const std::exception& e) {
    missing_fails = true;
    std::cout << "nd::ones({2}, " << gpu(gpus) << "): error: " << e.what() << "\n";
  }
  chapter.result("missing_gpu_fails", missing_fails ? 1.0 : 0.0);

  //! ## Inputs on Two Devices
  //!
  //! The library never copies behind our back: copies between devices are slow,
  //! and a hidden one in a training loop would cost more than the work. So the
  //! inputs of an operation must share a device, and mixing them is an error that
  //! names both devices and the fix.
  chapter.section("Inputs on Two Devices");
  bool mixed_fails = false;
  if (gpus > 0) {
    try {
      std::cout << x + y << "\n";
    } catch (const std::exception& e) {
      mixed_fails = true;
      std::cout << "x + y: error: " << e.what() << "\n";
    }
  } else {
    std::cout << "(no GPU: x and y are both on cpu(0), so x + y works; with a GPU, "
                 "x on cpu(0) plus y on gpu(0) is an error naming both)\n";
  }
  chapter.result("mixed_devices_fail", mixed_fails ? 1.0 : 0.0);

  //! ## Networks on a GPU
  //!
  //! A network's parameters are arrays too. `initialize(init, device)` creates
  //! them on `device` (MXNet's `ctx=`), and `collect_params().reset_ctx(d)` moves
  //! an initialized network. The input must then be on the same device, and the
  //! output is computed there.
  chapter.section("Networks on a GPU");
  nn::Sequential net;
  net.add(nn::Dense(1));
  net.initialize(init::Normal(0.01f), device);
  NDArray out = net(z);
  std::cout << "net(z) on " << out.context() << ":\n" << out << "\n";
  std::cout << "the weight lives on " << net.at<nn::Dense>(0).weight.data().context()
            << "\n";
  net.collect_params().reset_ctx(cpu());
  std::cout << "after reset_ctx(cpu()): " << net.at<nn::Dense>(0).weight.data().context()
            << "\n";
  chapter.result("net_output_on_device", out.context() == device ? 1.0 : 0.0);

  //! ## When a GPU Pays Off
  //!
  //! A GPU runs thousands of threads, but starting each operation costs a few
  //! microseconds and a copy to or from it far more. A small product is over
  //! before the GPU gets going, while a large one keeps it busy. We time a
  //! product of two 16 x 16 matrices and one of two 1024 x 1024 matrices on each
  //! device. Each call ends by reading one value, which waits for the GPU to
  //! finish; otherwise we would time only the launch.
  chapter.section("When a GPU Pays Off");
  const int64_t large = 1024;
  auto time_on = [&](Device d, int64_t n, int repeats) {
    NDArray a = nd::random::uniform(-1, 1, {n, n}, d);
    NDArray b = nd::random::uniform(-1, 1, {n, n}, d);
    return seconds_per_call(repeats, [&] { return nd::dot(a, b)[{0, 0}].asscalar(); });
  };
  std::vector<std::vector<std::string>> rows;
  auto ms = [](double s) { return std::to_string(s * 1e3).substr(0, 7); };
  const double small_cpu = time_on(cpu(), 16, 200), large_cpu = time_on(cpu(), large, 3);
  rows.push_back({"cpu(0)", ms(small_cpu), ms(large_cpu)});
  chapter.result("small_cpu_ms", small_cpu * 1e3);
  chapter.result("large_cpu_ms", large_cpu * 1e3);
  if (gpus > 0) {
    const double small_gpu = time_on(gpu(0), 16, 200),
                 large_gpu = time_on(gpu(0), large, 3);
    rows.push_back({"gpu(0)", ms(small_gpu), ms(large_gpu)});
    chapter.result("small_gpu_ms", small_gpu * 1e3);
    chapter.result("large_gpu_ms", large_gpu * 1e3);
  } else {
    rows.push_back({"gpu(0)", "(no GPU)", "(no GPU)"});
  }
  chapter.table({"device", "16 x 16 product, ms",
                 std::to_string(large) + " x " + std::to_string(large) + " product, ms"},
                rows);

  //! On a GPU the small product takes longer than on the CPU, most of it the
  //! launch and the value read back, and the large one is many times faster.
  //! The lesson for training: move the data once, keep the network and each
  //! batch on the GPU, and read values back only when they are needed (the loss
  //! for a progress line, the accuracy at the end of an epoch).
  //!
  //! ## Exercises
  //!
  //! 1. Time a product of growing size (64, 128, ... 4096) on each device and
  //!    find where the GPU starts to win. Does the crossing move if you read the
  //!    value only after ten products?
  //! 2. Train the LeNet of the next part with `--device gpu` and `--device cpu`.
  //!    Which layer gains most from the GPU?
  //! 3. Time `x.copyto(gpu(0))` for a 1000 x 1000 array and compare it with one
  //!    product of that size on the GPU.
}
