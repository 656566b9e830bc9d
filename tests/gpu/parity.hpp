#pragma once
// The parity suite's one tool: run a function of some arrays on the CPU and
// on gpu(0), with autograd, and compare the outputs and every input's
// gradient. On a machine without a GPU each check skips with the reason; with
// D2L_EMULATE_GPU=1 the GPU side is the emulated test device.

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/device.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

namespace d2l::test {

/// False (and a warning naming the reason) where there is no gpu(0).
inline bool gpu_present() {
  if (num_gpus() > 0) return true;
  WARN("skipped: no GPU (" << gpu_status() << ")");
  return false;
}

/// Fails unless `gpu` (from gpu(0)) matches `cpu` element by element, within
/// tol * (1 + |cpu value|).
inline void check_close(const std::string& what, const NDArray& gpu, const NDArray& cpu,
                        float tol) {
  INFO(what);
  CHECK(gpu.context() == d2l::gpu(0));
  REQUIRE(shape_str(gpu.shape()) == shape_str(cpu.shape()));
  const auto g = gpu.to_vector(), c = cpu.to_vector();
  int64_t worst = -1;
  float worst_excess = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    const bool both_nan = std::isnan(g[i]) && std::isnan(c[i]);
    const float excess = std::fabs(g[i] - c[i]) - tol * (1 + std::fabs(c[i]));
    if (!both_nan && !(excess <= worst_excess)) {
      worst = int64_t(i);
      worst_excess = std::isnan(excess) ? INFINITY : excess;
    }
  }
  if (worst >= 0) {
    FAIL_CHECK(what << ": at " << position_str(cpu.shape(), worst) << " the GPU gives "
                    << g[size_t(worst)] << " and the CPU " << c[size_t(worst)]);
  }
}

using ArrayFn = std::function<NDArray(const std::vector<NDArray>&)>;

/// Runs f on `inputs` (CPU arrays) and on their gpu(0) copies and compares the
/// outputs; with `grads`, also the gradient of sum(f(x) * w) for a fixed
/// random w with respect to every input.
inline void same_on_gpu(const std::string& what, const ArrayFn& f,
                        const std::vector<NDArray>& inputs, float tol = 1e-5f,
                        bool grads = true) {
  auto run = [&](Device d, std::vector<NDArray>& in) {
    in.clear();
    for (const auto& x : inputs) {
      in.push_back(x.copyto(d));
      if (grads) in.back().attach_grad();
    }
    NDArray y;
    {
      autograd::record rec;
      y = f(in);
      if (grads) {
        auto w = uniform_input(y.shape(), -1, 1, 99).as_in_context(d);
        (y * w).sum().backward();
      }
    }
    return y;
  };
  std::vector<NDArray> on_cpu, on_gpu;
  NDArray y_cpu = run(cpu(), on_cpu);
  NDArray y_gpu = run(gpu(0), on_gpu);
  check_close(what + " (value)", y_gpu, y_cpu, tol);
  if (!grads) return;
  for (size_t i = 0; i < inputs.size(); ++i) {
    check_close(what + " (gradient of input " + std::to_string(i) + ")", on_gpu[i].grad(),
                on_cpu[i].grad(), tol);
  }
}

}  // namespace d2l::test
