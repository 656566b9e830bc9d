// The check of abs_loss: hand values with vector and column labels, the shape
// (n, 1), autograd through abs_loss, and the hand-written gradient: the sign
// of y_hat - y, compared with autograd of nd::abs.
#include "abs_loss.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "abs_loss", "02_linear_networks/linear_regression_scratch/abs_loss.cpp",
      [](exercise::Checks& check) {
        const std::string reshape_hint =
            "y_hat is (n, 1) and y is (n): subtracting them directly broadcasts to "
            "(n, n); reshape y to y_hat.shape() first, as squared_loss does";
        NDArray y_hat{{1}, {2}, {3}, {4}};
        NDArray y{0.5f, 3, 3, 1};
        NDArray expected{{0.5f}, {1}, {0}, {3}};
        NDArray l = abs_loss(y_hat, y);
        check.that(l.shape() == Shape{4, 1},
                   "with labels of shape (4,), the loss has shape (4, 1) (got " +
                       shape_str(l.shape()) + ")",
                   reshape_hint);
        check.close(l, expected, "|y_hat - y| = (0.5, 1, 0, 3) as a column",
                    reshape_hint);
        check.close(abs_loss(y_hat, y.reshape({4, 1})), expected,
                    "labels given as a column (4, 1) give the same losses");

        NDArray yh{{1}, {2}, {-1}};
        NDArray t{0, 5, -3};
        NDArray v = yh.copy();
        v.attach_grad();
        NDArray total;
        {
          autograd::record rec;
          total = abs_loss(v, t).sum();
        }
        total.backward();
        NDArray w = yh.copy();
        w.attach_grad();
        NDArray ref;
        {
          autograd::record rec;
          ref = nd::abs(w - t.reshape({3, 1})).sum();
        }
        ref.backward();
        check.close(
            v.grad(), w.grad(), "autograd through abs_loss gives (1, -1, 1)",
            "build abs_loss from nd:: ops (nd::abs, -, reshape) so that autograd "
            "can differentiate it, and reshape y so each row meets its own label");
        check.close(
            abs_loss_grad(yh, t), w.grad(),
            "abs_loss_grad is the sign of y_hat - y: (1, -1, 1), as autograd says",
            "d|u|/du is +1 for u > 0 and -1 for u < 0, with u = y_hat - y: the "
            "sign flips when the prediction is below the label");
        check.close(
            abs_loss_grad(NDArray{{2}, {0.5f}}, NDArray{2, 0.25f}), NDArray{{0}, {1}},
            "where y_hat equals y the hand gradient is 0; elsewhere the sign",
            "use 0 at a tie, e.g. greater(u, 0) - lesser(u, 0); u / |u| is NaN there");
      });
}
