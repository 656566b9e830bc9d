// The check of squared_loss_column: hand values and the (n, 1) shape with
// vector and column labels, autograd through it (gradient y_hat - y), and the
// shape broadcasting would give, compared with what nd:: really does.
#include "squared_loss_column.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "squared_loss_column",
      "02_linear_networks/linear_regression_scratch/squared_loss_column.cpp",
      [](exercise::Checks& check) {
        const std::string reshape_hint =
            "y_hat is (n, 1) and y is (n): y_hat - y broadcasts to (n, n); "
            "use y.reshape(y_hat.shape()) before subtracting";
        NDArray y_hat{{1}, {2}, {3}, {5}};
        NDArray y{0, 4, 3, 2};
        NDArray expected{{0.5f}, {2}, {0}, {4.5f}};
        NDArray l = squared_loss_column(y_hat, y);
        check.that(l.shape() == Shape{4, 1},
                   "with labels of shape (4,), the loss has shape (4, 1) (got " +
                       shape_str(l.shape()) + ")",
                   reshape_hint);
        check.close(l, expected, "(y_hat - y)^2 / 2 = (0.5, 2, 0, 4.5) as a column",
                    reshape_hint + "; and keep the factor 1/2");
        check.close(squared_loss_column(y_hat, y.reshape({4, 1})), expected,
                    "labels given as a column (4, 1) give the same losses",
                    "reshape to y_hat.shape(), which works for both label shapes");

        NDArray v = y_hat.copy();
        v.attach_grad();
        NDArray total;
        {
          autograd::record rec;
          total = squared_loss_column(v, y).sum();
        }
        total.backward();
        check.close(v.grad(), NDArray{{1}, {-2}, {0}, {3}},
                    "autograd of the summed loss is y_hat - y = (1, -2, 0, 3)",
                    "build the loss from nd:: ops; with an (n, n) loss each prediction "
                    "would collect a gradient from every label");

        const int64_t n = 3;
        Shape broadcast = (nd::zeros({n, 1}) - nd::zeros({n})).shape();
        Shape said = unreshaped_loss_shape(n);
        check.that(said == broadcast,
                   "unreshaped_loss_shape(3) is the shape of (3, 1) - (3): " +
                       shape_str(broadcast) + " (got " + shape_str(said) + ")",
                   "broadcasting aligns trailing axes: (n) acts as (1, n), and each "
                   "axis of size 1 stretches to the other's size");
      });
}
