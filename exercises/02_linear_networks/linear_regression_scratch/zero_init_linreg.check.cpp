// The check of zero_init_linreg: with no epochs the parameters are zeros of
// shapes (d, 1) and (1); after three epochs on synthetic data w and b are near
// the values the data came from, and the mean loss is small.
#include "zero_init_linreg.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "zero_init_linreg",
      "02_linear_networks/linear_regression_scratch/zero_init_linreg.cpp",
      [](exercise::Checks& check) {
        NDArray true_w{2, -3.4f};
        const float true_b = 4.2f;
        auto [features, labels] = book::synthetic_data(true_w, true_b, 1000);

        auto [w0, b0] = train_from_zero(features, labels, 0);
        check.close(w0, nd::zeros({2, 1}),
                    "with 0 epochs, w is the start: zeros of shape (2, 1)",
                    "w = nd::zeros({d, 1}), not a normal draw, and shaped (d, 1) so that "
                    "nd::dot(X, w) is a column");
        check.close(b0, nd::zeros({1}),
                    "with 0 epochs, b is the start: zeros of shape (1)",
                    "b = nd::zeros({1})");

        auto [w, b] = train_from_zero(features, labels, 3);
        check.close(
            w, true_w.reshape({2, 1}),
            "after 3 epochs from zero, w is within 0.05 of the true (2, -3.4)",
            "attach_grad() to w and b before training, call backward() on the "
            "loss recorded inside autograd::record, then book::sgd({w, b}, 0.03, 10)",
            0.05f);
        check.close(b, NDArray{true_b},
                    "after 3 epochs from zero, b is within 0.05 of 4.2",
                    "b must be trained too: pass it to book::sgd with w", 0.05f);
        double loss =
            book::squared_loss(book::linreg(features, w, b), labels).mean().asscalar();
        check.that(
            loss < 1e-3,
            "the mean training loss is below 0.001 (got " + std::to_string(loss) + ")",
            "the noise in synthetic_data alone gives about 5e-5; a larger loss "
            "means training did not converge");
      });
}
