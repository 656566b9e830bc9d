// The check of branch_grad: branchy's values on both branches, branchy_grad
// against central finite differences of branchy (and the hand derivatives 2a
// and exp(a)) at points on both sides of 0, and autograd run here through
// branchy, which works only when branchy is built from nd:: ops.
#include "branch_grad.hpp"

#include <cmath>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "branch_grad", "01_preliminaries/autograd/branch_grad.cpp",
      [](exercise::Checks& check) {
        check.close(branchy(NDArray{1.5f}).asscalar(), 2.25,
                    "branchy(1.5) = 1.5^2 = 2.25 (the a > 0 branch)",
                    "for a > 0 return a * a", 1e-5);
        check.close(branchy(NDArray{-1.0f}).asscalar(), std::exp(-1.0),
                    "branchy(-1) = exp(-1) = 0.3679 (the other branch)",
                    "for a <= 0 return nd::exp(a)", 1e-5);
        check.close(branchy(NDArray{0.0f}).asscalar(), 1.0, "branchy(0) = exp(0) = 1",
                    "the test is a > 0, so 0 takes the exp branch", 1e-5);

        for (float a : {-2.0f, -0.5f, 0.5f, 3.0f}) {
          const float h = 1e-2f;
          double fd =
              (branchy(NDArray{a + h}).asscalar() - branchy(NDArray{a - h}).asscalar()) /
              (2 * h);
          double hand = a > 0 ? 2 * a : std::exp(a);
          float g = branchy_grad(a);
          std::string at = "at a = " + std::to_string(a).substr(0, 4);
          check.close(g, fd,
                      "branchy_grad " + at + " matches the finite difference (" +
                          std::to_string(fd) + ")",
                      "attach_grad() to an array holding a, call branchy inside "
                      "autograd::record, backward(), and return x.grad().asscalar()",
                      2e-3 * std::max(1.0, std::abs(fd)));
          check.close(g, hand, "branchy_grad " + at + " is " + (a > 0 ? "2a" : "exp(a)"),
                      "the gradient is that of the branch that ran",
                      1e-4 * std::max(1.0, hand));
        }

        NDArray x{-0.5f};
        x.attach_grad();
        NDArray y;
        {
          autograd::record rec;
          y = branchy(x);
        }
        y.backward();
        check.close(x.grad().asscalar(), std::exp(-0.5),
                    "autograd through branchy itself gives exp(-0.5) at -0.5",
                    "build the result from the input array with nd:: ops; an array made "
                    "from a.asscalar() is a constant to autograd, with gradient 0",
                    1e-5);
      });
}
