// Devices: names, GPU discovery and the CPU fallback. GPU checks skip with a
// message where no GPU exists; where one does, results must match the CPU's.
#include "d2l/device.hpp"

#include <catch2/catch.hpp>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;

TEST_CASE("devices print as MXNet contexts", "[device]") {
  CHECK(cpu().str() == "cpu(0)");
  CHECK(cpu(1).str() == "cpu(1)");
  CHECK(gpu().str() == "gpu(0)");
  CHECK(gpu(2).str() == "gpu(2)");
  CHECK(cpu().type == DeviceType::cpu);
  CHECK(gpu(1).type == DeviceType::gpu);
  CHECK(gpu(1).id == 1);
  CHECK(cpu() == Device{});
  CHECK_FALSE(cpu() == gpu());
  CHECK_FALSE(gpu(0) == gpu(1));
}

TEST_CASE("GPU discovery and try_gpu", "[device]") {
  int n = num_gpus();
  CHECK(n >= 0);
  CHECK_FALSE(gpu_status().empty());
  if (n == 0) {
    CHECK(try_gpu() == cpu());
  } else {
    CHECK(try_gpu() == gpu(0));
  }
  CHECK(try_gpu(n) == cpu());  // one past the last GPU
}

TEST_CASE("the thread count can be set", "[device]") {
  int before = num_threads();
  CHECK(before >= 1);
  set_num_threads(1);
  CHECK(num_threads() == 1);
  set_num_threads(before);
  CHECK(num_threads() == before);
}

TEST_CASE("arrays live on the CPU by default", "[device]") {
  auto x = nd::ones({2});
  CHECK(x.context() == cpu());
  auto y = x.as_in_context(cpu());
  CHECK(y.storage_id() == x.storage_id());
}

TEST_CASE("using a GPU that does not exist is an error", "[device][gpu]") {
  int n = num_gpus();
  REQUIRE_THROWS_AS(nd::ones({2}).as_in_context(gpu(n)), std::exception);
  REQUIRE_THROWS_AS(nd::zeros({2}, gpu(n)), std::exception);
}

TEST_CASE("GPU results match the CPU", "[device][gpu]") {
  if (num_gpus() == 0) {
    WARN("GPU check skipped: " << gpu_status());
    return;
  }
  auto a = test::uniform_input({4, 5}, -1, 1, 1);
  auto b = test::uniform_input({5, 3}, -1, 1, 2);
  auto r = test::uniform_input({5}, -1, 1, 3);
  auto ga = a.as_in_context(gpu());
  auto gb = b.as_in_context(gpu());
  auto gr = r.as_in_context(gpu());
  CHECK(ga.context() == gpu());
  auto same = [](const NDArray& g, const NDArray& c) {
    CHECK(g.context() == gpu());
    check_values(g.as_in_context(cpu()), c.to_vector(), c.shape(), 1e-4f);
  };
  same(ga, a);
  same(nd::dot(ga, gb), nd::dot(a, b));
  same(ga + gr, a + r);
  same(ga * gr - 1, a * r - 1);
  same(nd::exp(ga), nd::exp(a));
  same(nd::relu(ga), nd::relu(a));
  same(nd::sigmoid(ga), nd::sigmoid(a));
  same(nd::sum(ga, 1), nd::sum(a, 1));
  same(nd::max(ga, 0), nd::max(a, 0));
  same(nd::argmax(ga, 1), nd::argmax(a, 1));
  same(ga.T(), a.T());
  same(nd::zeros({2, 3}, gpu()), nd::zeros({2, 3}));
  // Gradients on the GPU.
  ga.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = (nd::tanh(nd::dot(ga, gb)) * 2).sum();
  }
  y.backward();
  a.attach_grad();
  {
    autograd::record rec;
    y = (nd::tanh(nd::dot(a, b)) * 2).sum();
  }
  y.backward();
  same(ga.grad(), a.grad());
}
