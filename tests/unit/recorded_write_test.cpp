// In-place writes and autograd: a write is either recorded (and its gradient
// checked) or refused with an error that says what to write instead. No write
// may leave a silently wrong gradient.
#include <catch2/catch.hpp>

#include "d2l/autograd.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/ops.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using Catch::Matchers::Contains;
using test::check_gradients;
using test::check_values;
using test::uniform_input;

TEST_CASE("a slice write of a recorded value is recorded", "[inplace][autograd]") {
  auto x = nd::ones({2});
  x.attach_grad();
  NDArray l;
  {
    autograd::record rec;
    auto y = nd::zeros({2});
    y[{0}] = (x * 2).sum();
    l = y.sum() + x.sum();
  }
  l.backward();
  check_values(x.grad(), {3, 3}, {2});
}

TEST_CASE("assign of a recorded value is recorded", "[inplace][autograd]") {
  auto x = nd::ones({2});
  x.attach_grad();
  NDArray l;
  {
    autograd::record rec;
    auto y = nd::zeros({2});
    y.assign(x * 3);
    l = y.sum() + x.sum();
  }
  l.backward();
  check_values(x.grad(), {4, 4}, {2});
}

TEST_CASE("a later write hides the gradient of what it overwrote",
          "[inplace][autograd]") {
  NDArray x{1.5f, -2};
  x.attach_grad();
  NDArray l;
  {
    autograd::record rec;
    auto y = nd::zeros({3});
    y[{slice(0, 2)}] = x * 1;
    y[{0}] = 5;  // x[0] no longer reaches the loss
    l = (y * y).sum();
  }
  l.backward();
  check_values(x.grad(), {0, -4}, {2});
}

TEST_CASE("corr2d written element by element has the right gradients",
          "[inplace][autograd]") {
  // The learner's corr2d: Y[i, j] = (X[i:i+h, j:j+w] * K).sum().
  auto corr2d = [](const std::vector<NDArray>& in) {
    const NDArray &X = in[0], &K = in[1];
    const int64_t h = K.shape()[0], w = K.shape()[1];
    auto Y = nd::zeros({X.shape()[0] - h + 1, X.shape()[1] - w + 1});
    for (int64_t i = 0; i < Y.shape()[0]; ++i) {
      for (int64_t j = 0; j < Y.shape()[1]; ++j) {
        Y[{i, j}] = (X[{slice(i, i + h), slice(j, j + w)}] * K).sum();
      }
    }
    return Y;
  };
  check_gradients(corr2d, {uniform_input({4, 5}, -1, 1), uniform_input({2, 3}, -1, 1)});
}

TEST_CASE("a slice write broadcasts a recorded row", "[inplace][autograd]") {
  // Y[1:3, :] = v broadcasts v of shape (3,) over two rows.
  auto f = [](const std::vector<NDArray>& in) {
    auto Y = nd::zeros({4, 3});
    Y[{slice(1, 3), all}] = in[0] * in[0];
    Y[{3}] = in[0];
    return Y;
  };
  check_gradients(f, {uniform_input({3}, -1, 1)});
}

TEST_CASE("compound assignment under record is refused", "[inplace][autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  autograd::record rec;
  auto y = nd::zeros({2});
  REQUIRE_THROWS_WITH(y += x, Contains("y = y + x"));
  REQUIRE_THROWS_WITH(y *= x, Contains("cannot be recorded"));
  auto z = x * 2;
  REQUIRE_THROWS_WITH(z += 1, Contains("cannot be recorded"));
  REQUIRE_THROWS_WITH(z /= 2, Contains("cannot be recorded"));
  REQUIRE_THROWS_WITH(x -= 1, Contains("cannot be recorded"));
  // An update that touches no gradient is allowed while recording.
  auto counts = nd::zeros({2});
  counts += NDArray{1, 1};
  check_values(counts, {1, 1}, {2});
}

TEST_CASE("out= forms under record are refused", "[inplace][autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  auto out = nd::zeros({2});
  {
    autograd::record rec;
    REQUIRE_THROWS_WITH(nd::elemwise_add(x, x, out), Contains("Z = X + Y"));
    REQUIRE_THROWS_WITH(nd::elemwise_mul(NDArray{1, 1}, x, out), Contains("out="));
  }
  nd::elemwise_add(x, x, out);  // outside record it is a plain write
  check_values(out, {2, 4}, {2});
}

TEST_CASE("writes autograd cannot follow are refused while recording",
          "[inplace][autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  autograd::record rec;
  SECTION("into a variable") {
    REQUIRE_THROWS_WITH((x[{0}] = 5), Contains("variable"));
    REQUIRE_THROWS_WITH(x.assign(0), Contains("variable"));
  }
  SECTION("into the result of an op that saved it") {
    auto e = x.exp();
    REQUIRE_THROWS_WITH((e[{0}] = x.sum()), Contains("fresh array"));
  }
  SECTION("into a view of another array") {
    auto y = nd::zeros({2, 2});
    auto row_view = y.reshape({4});
    REQUIRE_THROWS_WITH((row_view[{0}] = x.sum()), Contains("view"));
  }
  SECTION("a write of plain values into a plain array is fine") {
    auto y = nd::zeros({2});
    y[{0}] = 3;
    check_values(y, {3, 0}, {2});
  }
}

TEST_CASE("an input changed before backward is refused", "[inplace][autograd]") {
  NDArray x{1, 2};
  x.attach_grad();
  NDArray w{3, 4};
  NDArray y;
  {
    autograd::record rec;
    y = x * w;
  }
  SECTION("by compound assignment") {
    w += 1;
    REQUIRE_THROWS_WITH(y.backward(), Contains("written in place"));
  }
  SECTION("by a slice write") {
    w[{1}] = 0;
    REQUIRE_THROWS_WITH(y.backward(), Contains("written in place"));
  }
  SECTION("through data()") {
    w.data()[0] = 7;
    REQUIRE_THROWS_WITH(y.backward(), Contains("written in place"));
  }
  SECTION("unchanged, backward works") {
    y.backward();
    check_values(x.grad(), {3, 4}, {2});
  }
}

TEST_CASE("a saved result changed before backward is refused", "[inplace][autograd]") {
  NDArray x{0, 1};
  x.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = x.exp();  // exp's gradient reads its own output
  }
  y[{0}] = 0;  // outside record: a plain write, but exp's saved output changed
  REQUIRE_THROWS_WITH(y.backward(), Contains("'exp'"));
}

TEST_CASE("updating parameters after backward is fine, reusing the graph is not",
          "[inplace][autograd]") {
  NDArray w{1, 2};
  w.attach_grad();
  NDArray y;
  {
    autograd::record rec;
    y = (w * w).sum();
  }
  y.backward(NDArray(), /*retain_graph=*/true);
  check_values(w.grad(), {2, 4}, {2});
  w -= 0.5f * w.grad();  // the SGD step
  REQUIRE_THROWS_WITH(y.backward(), Contains("written in place"));
}

TEST_CASE("backward on an array outside the graph names the likely causes",
          "[autograd]") {
  NDArray x{1, 2};
  auto y = (x * 2).sum();  // no attach_grad, no record
  REQUIRE_THROWS_WITH(y.backward(), Contains("attach_grad") && Contains("record rec"));
}
