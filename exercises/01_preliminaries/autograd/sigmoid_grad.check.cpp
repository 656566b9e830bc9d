// The check of sigmoid_grad: at arange(-6, 7) it equals s (1 - s) with
// s = sigmoid(x) computed here, is 0.25 at 0 and largest there, and keeps the
// shape of a 2-D input.
#include "sigmoid_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "sigmoid_grad", "01_preliminaries/autograd/sigmoid_grad.cpp",
      [](exercise::Checks& check) {
        NDArray x = nd::arange(-6, 7);
        NDArray s = nd::sigmoid(x);
        NDArray g = sigmoid_grad(x);
        check.close(g, s * (1 - s), "at arange(-6, 7) the gradient equals s (1 - s)",
                    "backward() of nd::sigmoid(v) fills v.grad() for the array v that "
                    "called attach_grad(); return that gradient, not sigmoid itself",
                    1e-5f);
        check.close(g[{6}].asscalar(), 0.25, "the derivative at 0 is 1/4");
        check.that(g.argmax(0).asscalar() == 6.0f,
                   "the derivative is largest at x = 0 (index 6 of arange(-6, 7))");
        NDArray X{{0, 1}, {-2, 3}};
        NDArray S = nd::sigmoid(X);
        check.close(sigmoid_grad(X), S * (1 - S),
                    "a (2, 2) input gives the elementwise derivative, shape (2, 2)",
                    "backward() on a non-scalar sums it first; that still gives each "
                    "element's own derivative because y_i depends on x_i only",
                    1e-5f);
      });
}
