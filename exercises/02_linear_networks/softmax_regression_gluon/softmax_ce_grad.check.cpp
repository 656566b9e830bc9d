// The check of softmax_ce_grad: on one example and on a batch, the formula
// equals the gradient autograd computes for nd::softmax_cross_entropy; each row
// sums to 0 and only the label's entry is negative.
#include "softmax_ce_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

namespace {
NDArray autograd_grad(const NDArray& O, const NDArray& y) {
  NDArray v = O.copy();
  v.attach_grad();
  NDArray loss;
  {
    autograd::record rec;
    loss = nd::softmax_cross_entropy(v, y).sum();
  }
  loss.backward();
  return v.grad();
}
}  // namespace

int main() {
  return exercise::run(
      "softmax_ce_grad",
      "02_linear_networks/softmax_regression_gluon/softmax_ce_grad.cpp",
      [](exercise::Checks& check) {
        NDArray o{{1, 2, 0.5f}};
        NDArray label{1};
        check.close(
            softmax_ce_grad(o, label), autograd_grad(o, label),
            "one example, scores (1, 2, 0.5), label 1: the formula matches autograd",
            "the gradient is softmax(o) minus 1 at the label's column, not "
            "softmax(o) itself and not 1 - softmax(o)",
            1e-5f);
        NDArray O{{0, 0, 0, 0}, {3, -1, 2, 0}, {10, 10, 0, -5}};
        NDArray y{2, 0, 3};
        NDArray g = softmax_ce_grad(O, y);
        check.close(
            g, autograd_grad(O, y),
            "a batch of 3 with labels (2, 0, 3): the formula matches autograd row by row",
            "each row needs its own label: one_hot[i, j] = 1 where j == y_i "
            "(compare arange(q) as a row with y as a column)",
            1e-5f);
        check.close(g.sum(1), NDArray{0, 0, 0}, "each row of the gradient sums to 0",
                    "softmax sums to 1 and the one-hot row sums to 1", 1e-5f);
        check.close(g[{0}], NDArray{0.25f, 0.25f, -0.75f, 0.25f},
                    "equal scores over 4 classes, label 2: (0.25, 0.25, -0.75, 0.25)", "",
                    1e-5f);
      });
}
