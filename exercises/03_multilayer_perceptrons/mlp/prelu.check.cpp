// The check of prelu: hand values of the function, its autograd derivative
// against the slopes 1 and alpha and against finite differences.
#include "prelu.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "prelu", "03_multilayer_perceptrons/mlp/prelu.cpp", [](exercise::Checks& check) {
        NDArray x{-2, -0.5, 0.5, 3};
        check.close(
            prelu(x, 0.1f), NDArray{-0.2f, -0.05f, 0.5f, 3.0f},
            "prelu({-2, -0.5, 0.5, 3}, 0.1) = {-0.2, -0.05, 0.5, 3}",
            "positive inputs pass unchanged, negative ones are multiplied by alpha: "
            "nd::maximum(x, 0.0f) + alpha * nd::minimum(x, 0.0f)");
        check.close(
            prelu(x, 0.25f), NDArray{-0.5f, -0.125f, 0.5f, 3.0f},
            "alpha is a parameter: prelu(x, 0.25) scales the negative side by 0.25",
            "use the alpha you are given, not a fixed 0.1");
        check.close(
            prelu_grad(x, 0.1f), NDArray{0.1f, 0.1f, 1.0f, 1.0f},
            "the derivative at {-2, -0.5, 0.5, 3} with alpha 0.1 is {0.1, 0.1, 1, 1}",
            "attach_grad() to a copy of x, compute prelu inside autograd::record, "
            "call backward() on the result and return the input's grad()");
        NDArray grid = nd::arange(-4.05, 4.0, 0.1);  // no point exactly at the kink
        const float h = 1e-2f;
        NDArray fd = (prelu(grid + h, 0.3f) - prelu(grid - h, 0.3f)) / (2 * h);
        check.close(prelu_grad(grid, 0.3f), fd,
                    "on a grid from -4.05 to 3.95 the derivative (alpha 0.3) matches "
                    "finite differences",
                    "the gradient must have x's shape: one slope per element", 1e-3f);
        NDArray before = grid.copy();
        prelu_grad(grid, 0.3f);
        check.close(grid, before, "prelu_grad leaves its input's values unchanged",
                    "work on x.copy() if you change anything");
      });
}
