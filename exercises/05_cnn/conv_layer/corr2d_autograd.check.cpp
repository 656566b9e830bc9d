// The check of corr2d_autograd: its values against book::corr2d, its gradient
// against that of nd::convolution, and ten steps of gradient descent with it
// that recover the edge kernel [1, -1] of the section.
#include "corr2d_autograd.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "corr2d_autograd", "05_cnn/conv_layer/corr2d_autograd.cpp",
      [](exercise::Checks& check) {
        auto X = nd::random::normal(0, 1, {5, 7});
        auto K = nd::random::normal(0, 1, {2, 3});
        check.close(corr2d_autograd(X, K), book::corr2d(X, K),
                    "on a random (5, 7) image and (2, 3) kernel it gives book::corr2d",
                    "the entry K[a, b] multiplies X[a : a + o_h, b : b + o_w]");

        // The gradient of sum(W * Y) with respect to K, through ours and the library's.
        auto W = nd::random::normal(0, 1, {4, 5});
        NDArray Ka = K.copy(), Kb = K.copy();
        Ka.attach_grad();
        Kb.attach_grad();
        NDArray la, lb;
        {
          autograd::record rec;
          la = (corr2d_autograd(X, Ka) * W).sum();
          lb = (nd::convolution(X.reshape({1, 1, 5, 7}), Kb.reshape({1, 1, 2, 3}),
                                NDArray(), {})
                    .reshape({4, 5}) *
                W)
                   .sum();
        }
        la.backward();
        lb.backward();
        check.close(Ka.grad(), Kb.grad(),
                    "the gradient with respect to K is that of nd::convolution",
                    "a zero gradient means the graph was cut: no asscalar(), and take "
                    "K's entry as an array (a 1x1 slice), not as a float");

        // The section's training loop, with our operation and a 1x2 kernel.
        auto Xe = nd::ones({6, 8});
        Xe[{all, slice(2, 6)}] = 0.0f;
        NDArray Ye = book::corr2d(Xe, NDArray{{1, -1}});
        NDArray weight = nd::random::normal(0, 0.1, {1, 2});
        weight.attach_grad();
        for (int step = 0; step < 20; ++step) {
          NDArray l;
          {
            autograd::record rec;
            l = nd::square(corr2d_autograd(Xe, weight) - Ye).sum();
          }
          l.backward();
          weight -= 0.03f * weight.grad();
        }
        check.close(weight, NDArray{{1, -1}},
                    "20 steps of gradient descent with it learn the edge kernel [1, -1] "
                    "(within 0.05)",
                    "if the values and gradient checks above pass, this should too",
                    0.05f);
      });
}
