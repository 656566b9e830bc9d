// Automatic differentiation: recording, backward, head gradients, grad_req,
// control flow, training/prediction modes, retain_graph, detach.
#include "d2l/autograd.hpp"

#include <catch2/catch.hpp>

#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Catch::Matchers::Contains;

TEST_CASE("y = 2 x^T x has gradient 4 x", "[autograd]") {
  auto x = nd::arange(4);
  x.attach_grad();
  check_values(x.grad(), {0, 0, 0, 0}, {4});  // attach_grad starts at zero
  NDArray y;
  {
    autograd::record rec;
    y = 2 * nd::dot(x, x);
  }
  CHECK(y.asscalar() == 28);
  y.backward();
  check_values(x.grad(), {0, 4, 8, 12}, {4});
  CHECK(x.grad_req() == GradReq::write);
}

TEST_CASE("record also works around a lambda's body", "[autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  auto f = [](const NDArray& v) {
    autograd::record rec;
    return (v * v * v).sum();
  };
  auto y = f(x);
  y.backward();
  check_values(x.grad(), {3, 12}, {2});
}

TEST_CASE("backward of a non-scalar sums it first", "[autograd]") {
  auto x = nd::arange(4);
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = x * x;
  }
  y.backward();
  check_values(x.grad(), {0, 2, 4, 6}, {4});
}

TEST_CASE("a head gradient weights the elements", "[autograd]") {
  auto x = nd::arange(4);
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = x * x;
  }
  y.backward(NDArray{1, 0.5f, 2, 0});
  check_values(x.grad(), {0, 1, 8, 0}, {4});
}

TEST_CASE("grad_req write overwrites and add accumulates", "[autograd]") {
  NDArray a{1, 2, 3};
  NDArray b{1, 2, 3};
  a.attach_grad();
  b.attach_grad(GradReq::add);
  CHECK(a.grad_req() == GradReq::write);
  CHECK(b.grad_req() == GradReq::add);
  for (int step = 0; step < 3; ++step) {
    NDArray y;
    {
      autograd::record rec;
      y = a * a + b * b;
    }
    y.backward();
  }
  check_values(a.grad(), {2, 4, 6}, {3});
  check_values(b.grad(), {6, 12, 18}, {3});
  // attach_grad again resets the buffer.
  b.attach_grad(GradReq::add);
  check_values(b.grad(), {0, 0, 0}, {3});
}

namespace {
// The book's f(a): doubles until the norm reaches 1000, then branches.
NDArray f(const NDArray& a) {
  auto b = a * 2;
  while (b.norm().asscalar() < 1000) b = b * 2;
  NDArray c;
  if (b.sum().asscalar() > 0)
    c = b;
  else
    c = 100 * b;
  return c;
}
}  // namespace

TEST_CASE("control flow: f is linear in a so df/da = f(a) / a", "[autograd]") {
  for (float value : {0.3f, -0.7f, 2.5f}) {
    auto a = nd::array({value}, {1});
    a.attach_grad();
    NDArray c;
    {
      autograd::record rec;
      c = f(a);
    }
    c.backward();
    INFO("a = " << value);
    // a = 0.3: b = 0.6 * 2^k with 0.6 * 2^k >= 1000 -> k = 11, c = 1228.8
    if (value == 0.3f) CHECK(c.asscalar() == Approx(1228.8f));
    CHECK(a.grad().asscalar() == Approx(c.asscalar() / value));
    if (value < 0) CHECK(a.grad().asscalar() == Approx(100 * 2048));
  }
}

TEST_CASE("is_recording and is_training in each scope", "[autograd][modes]") {
  CHECK_FALSE(autograd::is_recording());
  CHECK_FALSE(autograd::is_training());
  {
    autograd::record rec;
    CHECK(autograd::is_recording());
    CHECK(autograd::is_training());
    {
      autograd::pause p;
      CHECK_FALSE(autograd::is_recording());
      CHECK_FALSE(autograd::is_training());
    }
    {
      autograd::pause p(/*train_mode=*/true);
      CHECK_FALSE(autograd::is_recording());
      CHECK(autograd::is_training());
    }
    {
      autograd::predict_mode pm;
      CHECK(autograd::is_recording());
      CHECK_FALSE(autograd::is_training());
    }
    CHECK(autograd::is_recording());
    CHECK(autograd::is_training());
  }
  CHECK_FALSE(autograd::is_recording());
  CHECK_FALSE(autograd::is_training());
  {
    autograd::record rec(/*train_mode=*/false);
    CHECK(autograd::is_recording());
    CHECK_FALSE(autograd::is_training());
  }
  {
    autograd::train_mode tm;
    CHECK(autograd::is_training());
    CHECK_FALSE(autograd::is_recording());
  }
  CHECK_FALSE(autograd::is_training());
}

TEST_CASE("operations inside pause are not recorded", "[autograd][modes]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    NDArray z;
    {
      autograd::pause p;
      z = x * x;  // a constant for autograd
    }
    y = x * 2 + z;
  }
  y.backward();
  check_values(x.grad(), {2, 2, 2}, {3});
}

TEST_CASE("backward twice needs retain_graph", "[autograd][errors]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = (x * x).sum();
  }
  y.backward();
  REQUIRE_THROWS_WITH(y.backward(), Contains("graph", Catch::CaseSensitive::No));

  NDArray y2;
  {
    autograd::record rec;
    y2 = (x * x * x).sum();
  }
  y2.backward(NDArray(), /*retain_graph=*/true);
  check_values(x.grad(), {3, 12, 27}, {3});
  REQUIRE_NOTHROW(y2.backward());
  check_values(x.grad(), {3, 12, 27}, {3});  // write: overwritten, not doubled
}

TEST_CASE("backward of an array that was not recorded is an error",
          "[autograd][errors]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  auto y = x * 2;  // outside record
  REQUIRE_THROWS_AS(y.backward(), std::exception);
}

TEST_CASE("detach stops the gradient and shares the storage", "[autograd]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray z;
  NDArray u;
  {
    autograd::record rec;
    auto y = x * x;
    u = y.detach();
    CHECK(u.storage_id() == y.storage_id());
    z = u * x;
  }
  z.backward();
  check_values(x.grad(), {1, 4, 9}, {3});  // u, not 3 x^2
  check_values(x.grad(), u.to_vector(), {3});
}

TEST_CASE("grad() before attach_grad is an error", "[autograd][errors]") {
  NDArray x{1, 2, 3};
  REQUIRE_THROWS_AS(x.grad(), std::exception);
  REQUIRE_THROWS_WITH(x.grad(), Contains("attach_grad"));
}

TEST_CASE("a variable used twice gets the summed gradient", "[autograd]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = x * x + x;
  }
  y.backward();
  check_values(x.grad(), {3, 5, 7}, {3});
  {
    autograd::record rec;
    y = x + x;
  }
  y.backward();
  check_values(x.grad(), {2, 2, 2}, {3});
  {
    autograd::record rec;
    auto h = x * 3;
    y = h * h + h;  // 9 x^2 + 3 x: 18 x + 3
  }
  y.backward();
  check_values(x.grad(), {21, 39, 57}, {3});
}

TEST_CASE("inputs that do not reach the head get a zero gradient", "[autograd]") {
  NDArray x{1, 2};
  NDArray unused{5, 6};
  x.attach_grad();
  unused.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = x * 3;
    auto ignored = unused * 2;
  }
  y.backward();
  check_values(x.grad(), {3, 3}, {2});
  check_values(unused.grad(), {0, 0}, {2});
}

TEST_CASE("attach_grad on a computed array makes it a leaf", "[autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  NDArray h, y;
  {
    autograd::record rec;
    h = x * x;
  }
  h.attach_grad();
  {
    autograd::record rec;
    y = h * 5;
  }
  y.backward();
  check_values(h.grad(), {5, 5}, {2});
}

TEST_CASE("autograd::backward with several heads", "[autograd]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y1, y2;
  {
    autograd::record rec;
    y1 = (x * x).sum();
    y2 = (3 * x).sum();
  }
  autograd::backward({y1, y2});
  check_values(x.grad(), {5, 7, 9}, {3});  // 2 x + 3

  NDArray z1, z2;
  {
    autograd::record rec;
    z1 = x * x;
    z2 = 3 * x;
  }
  autograd::backward({z1, z2}, {NDArray{1, 1, 1}, NDArray{2, 0, 1}});
  check_values(x.grad(), {8, 4, 9}, {3});  // 2 x + 3 * head2
}

TEST_CASE("a small network's gradients against finite differences", "[autograd][grad]") {
  auto X = test::uniform_input({4, 3}, -1, 1, 1);
  auto W = test::uniform_input({3, 2}, -1, 1, 2);
  auto b = test::uniform_input({2}, -1, 1, 3);
  check_gradients(
      [](const std::vector<NDArray>& v) {
        auto h = nd::tanh(nd::dot(v[0], v[1]) + v[2]);
        return nd::sigmoid(h) * h;
      },
      {X, W, b});
}

// The checker itself must be able to fail: detach() hides half of the true
// gradient of x * x, so autograd says x where finite differences say 2 x.
TEST_CASE("check_gradients detects a wrong gradient", "[autograd][grad][!shouldfail]") {
  check_gradients([](const std::vector<NDArray>& v) { return v[0].detach() * v[0]; },
                  {NDArray{1, 2, 3}});
}

TEST_CASE("a diamond-shaped graph is walked in topological order", "[autograd]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    auto a = x * 2;
    auto b = a + 1;
    auto c = a * 3;
    y = b * c;  // (2 x + 1) 6 x = 12 x^2 + 6 x: dy/dx = 24 x + 6
  }
  y.backward();
  check_values(x.grad(), {30, 54, 78}, {3});
}

TEST_CASE("heads that share a subgraph add their gradients", "[autograd]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y1, y2;
  {
    autograd::record rec;
    auto h = x * x;
    y1 = h.sum();
    y2 = (h * 2).sum();
  }
  autograd::backward({y1, y2});
  check_values(x.grad(), {6, 12, 18}, {3});  // 3 * 2 x
}

TEST_CASE("a long chain of operations back-propagates", "[autograd]") {
  NDArray x{1, -2};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = x;
    for (int i = 0; i < 20000; ++i) y = y + 0.001f;
    y = y * 3;
  }
  CHECK(y.to_vector()[0] == Approx(63).epsilon(1e-3));
  y.backward();
  check_values(x.grad(), {3, 3}, {2});
}

TEST_CASE("a result recorded earlier can feed a later record", "[autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  NDArray h, y;
  {
    autograd::record rec;
    h = x * x;
  }
  {
    autograd::record rec;
    y = h * 3;
  }
  y.backward();
  check_values(x.grad(), {6, 12}, {2});
}

TEST_CASE("the gradient buffer is reused by each backward", "[autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  auto g = x.grad();
  NDArray y;
  {
    autograd::record rec;
    y = x * 5;
  }
  y.backward();
  CHECK(x.grad().storage_id() == g.storage_id());
  check_values(g, {5, 5}, {2});
}

TEST_CASE("retain_graph with grad_req add accumulates", "[autograd]") {
  NDArray x{1, 2};
  x.attach_grad(GradReq::add);
  NDArray y;
  {
    autograd::record rec;
    y = (x * x).sum();
  }
  y.backward(NDArray(), true);
  y.backward();
  check_values(x.grad(), {4, 8}, {2});
}

TEST_CASE("bad head gradients are errors", "[autograd][errors]") {
  NDArray x{1, 2, 3};
  x.attach_grad();
  NDArray y, z;
  {
    autograd::record rec;
    y = x * 2;
    z = x * 3;
  }
  REQUIRE_THROWS_AS(y.backward(NDArray{1, 2}), std::exception);
  REQUIRE_THROWS_AS(autograd::backward({y, z}, {NDArray{1, 1, 1}}), std::exception);
}

TEST_CASE("modes are restored when an exception leaves a scope", "[autograd][modes]") {
  try {
    autograd::record rec;
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  CHECK_FALSE(autograd::is_recording());
  CHECK_FALSE(autograd::is_training());
  {
    autograd::record outer;
    {
      autograd::record inner(/*train_mode=*/false);
      CHECK_FALSE(autograd::is_training());
    }
    CHECK(autograd::is_recording());
    CHECK(autograd::is_training());
  }
}
