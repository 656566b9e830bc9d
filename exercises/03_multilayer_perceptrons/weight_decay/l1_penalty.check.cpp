// The check of l1_penalty: the value, its autograd gradient lambda * sign(w),
// and one step computed by hand.
#include "l1_penalty.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "l1_penalty", "03_multilayer_perceptrons/weight_decay/l1_penalty.cpp",
      [](exercise::Checks& check) {
        NDArray w{1, -2, 3, -0.5};
        NDArray p = l1_penalty(w, 0.1f);
        check.that(p.size() == 1, "the penalty is one number",
                   "sum over all the weights: got shape " + shape_str(p.shape()));
        if (p.size() != 1) return;
        check.close(
            p.asscalar(), 0.65, "l1_penalty({1, -2, 3, -0.5}, 0.1) = 0.1 * 6.5 = 0.65",
            "absolute values, not squares, and no 1/2: lambd * nd::abs(w).sum()", 1e-5);
        NDArray v = nd::random::normal(0, 1, {50});
        v.attach_grad();
        NDArray l;
        {
          autograd::record rec;
          l = l1_penalty(v, 0.3f);
        }
        l.backward();
        NDArray sign = (v > 0.0f) - (v < 0.0f);
        check.close(v.grad(), 0.3f * sign,
                    "autograd's gradient of the penalty (lambda 0.3) is 0.3 * sign(w)",
                    "build the penalty from nd ops (nd::abs, sum) so that autograd can "
                    "follow it; its gradient does not grow with |w| as the L2 one does");
        NDArray w2{0.5, -0.02, 0, 2};
        NDArray g{0.1, 0.1, 0.1, -1};
        NDArray before = w2.copy();
        check.close(l1_sgd_step(w2, g, 0.5f, 0.2f), NDArray{0.35f, 0.03f, -0.05f, 2.4f},
                    "one step (lr 0.5, lambda 0.2, grad {0.1, 0.1, 0.1, -1}) takes "
                    "{0.5, -0.02, 0, 2} to {0.35, 0.03, -0.05, 2.4}",
                    "w - lr * (grad + lambda * sign(w)), with sign(0) = 0; every weight "
                    "is pulled by the same lr * lambda = 0.1, not by lr * lambda * w");
        check.close(w2, before, "the step leaves its input w unchanged",
                    "return a new array instead of assigning into w");
      });
}
