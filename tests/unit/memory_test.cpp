// Array memory: what a recorded graph keeps alive, and the bound on what the
// buffer pool holds (d2l::memory_stats).
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/device.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;

TEST_CASE("a recorded graph keeps only the arrays its gradients read", "[memory]") {
  const int64_t n = 1 << 20;  // 4 MiB an array
  const long long array_bytes = n * 4;
  NDArray x = nd::random::normal(0, 1, {n});
  x.attach_grad();
  const long long base = memory_stats().in_use_bytes;
  NDArray loss;
  {
    autograd::record rec;
    NDArray a = x * 2.0f;            // its gradient reads only the 2
    NDArray b = nd::relu(a + 1.0f);  // reads its output b; a and a + 1 are free
    loss = nd::sigmoid(b).sum();     // reads its output
  }
  // Alive: b and sigmoid(b). Before edges stopped owning their inputs, a and
  // a + 1 were kept too (four arrays).
  const long long kept = memory_stats().in_use_bytes - base;
  INFO("bytes kept by the graph: " << kept);
  CHECK(kept < 2 * array_bytes + array_bytes / 2);
  CHECK(kept >= 2 * array_bytes);

  loss.backward();
  loss = NDArray();
  CHECK(memory_stats().in_use_bytes - base < array_bytes / 4);  // all released

  // d/dx sum(sigmoid(relu(2x + 1))) = s (1 - s) 2 [2x + 1 > 0]
  NDArray z = 2.0f * x + 1.0f;
  NDArray s = nd::sigmoid(nd::relu(z));
  NDArray expected = s * (1.0f - s) * 2.0f * nd::greater(z, nd::zeros_like(z));
  CHECK(nd::abs(x.grad() - expected).max().asscalar() < 1e-6f);
}

TEST_CASE("the memory pool never holds more than the peak in use", "[memory]") {
  // Arrays of two sizes, used in turns as a forward and a backward pass use
  // different sizes. Each turn uses as much as the process ever had in use, so
  // keeping both turns' buffers would hold twice the peak.
  const long long before_peak = memory_stats().peak_bytes;
  const int64_t turn_bytes = std::max<long long>(before_peak, 8 << 20);
  const int64_t small = turn_bytes / 4 / 8, large = turn_bytes / 4 / 2;
  for (int round = 0; round < 3; ++round) {
    {
      std::vector<NDArray> arrays;
      for (int i = 0; i < 8; ++i) arrays.push_back(nd::ones({small}));
      CHECK(arrays.back().sum().asscalar() == float(small));
    }
    {
      std::vector<NDArray> arrays;
      for (int i = 0; i < 2; ++i) arrays.push_back(nd::ones({large}));
      CHECK(arrays.back().sum().asscalar() == float(large));
    }
    const MemoryStats m = memory_stats();
    INFO("round " << round << ": in use " << m.in_use_bytes << ", cached "
                  << m.cached_bytes << ", peak " << m.peak_bytes);
    CHECK(m.in_use_bytes + m.cached_bytes <= m.peak_bytes);
    CHECK(m.cached_bytes > 0);  // freed buffers are still kept for reuse
  }
}

TEST_CASE("a gradient written over its incoming gradient leaves shared ones intact",
          "[memory]") {
  // The sum hands one gradient array to both ReLUs, whose masks overlap only
  // in part; only the one that comes last may write its gradient over it.
  NDArray x{-1.0f, 0.5f, 2.0f};
  x.attach_grad();
  NDArray loss;
  {
    autograd::record rec;
    NDArray h = nd::relu(1.0f - x) + nd::relu(x * 3.0f);
    loss = (h * NDArray{1.0f, 2.0f, 3.0f}).sum();
  }
  loss.backward();
  // w (3 [x > 0] - [x < 1])
  check_values(x.grad(), {-1.0f, 2.0f * 2.0f, 3.0f * 3.0f}, {3});
}

TEST_CASE("a freed large buffer is resized for a request of another size", "[memory]") {
  // Fresh pages cost a fault and zeroing each; a cached mapping resized with
  // mremap keeps its pages. The sizes are odd so that no other test left a
  // buffer of the second size's class behind.
  auto page_faults = [] {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
  };
  const int64_t first = 23'456'789, second = 19'876'543;  // 94 MB, 80 MB
  { CHECK(nd::ones({first}).sum().asscalar() > 0); }
  const long before = page_faults();
  NDArray reused = nd::ones({second});  // writes every element
  const long faults = page_faults() - before;
  INFO("page faults while filling 80 MB: " << faults);
  CHECK(faults < 30);  // fresh pages: 38 faults at 2 MiB a page, 19,400 at 4 KiB
  CHECK(reused.sum().asscalar() > 0);
}
