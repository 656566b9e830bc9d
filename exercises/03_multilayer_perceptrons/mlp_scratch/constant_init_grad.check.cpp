// The check of constant_init_grad: the gradients of W1 and W2 have the right
// shapes, equal what autograd gives for the constant-initialized MLP, and every
// hidden unit gets the same gradient (equal rows of W2's, equal columns of W1's).
#include "constant_init_grad.hpp"

#include <algorithm>
#include <cmath>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

// The largest |g[i, j] - g[i, 0]| (along_rows: |g[i, j] - g[0, j]|) of a matrix.
static float spread(const NDArray& g, bool along_rows) {
  const int64_t r = g.shape()[0], k = g.shape()[1];
  auto v = g.to_vector();
  float s = 0;
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < k; ++j)
      s = std::max(s, std::abs(v[i * k + j] - (along_rows ? v[j] : v[i * k])));
  return s;
}

int main() {
  return exercise::run(
      "constant_init_grad",
      "03_multilayer_perceptrons/mlp_scratch/constant_init_grad.cpp",
      [](exercise::Checks& check) {
        nd::random::seed(7);
        const int64_t n = 6, num_inputs = 5, num_hiddens = 4, num_outputs = 3;
        const float c = 0.01f;
        auto X = nd::random::uniform(-1.0f, 2.0f, {n, num_inputs});
        NDArray y{0, 2, 1, 1, 0, 2};
        MlpGrads g = constant_init_grad(X, y, num_hiddens, num_outputs, c);

        const bool shapes_ok = g.W1.shape() == Shape{num_inputs, num_hiddens} &&
                               g.W2.shape() == Shape{num_hiddens, num_outputs};
        check.that(
            shapes_ok,
            "the gradients have the shapes of W1 (5, 4) and W2 (4, 3); got " +
                shape_str(g.W1.shape()) + " and " + shape_str(g.W2.shape()),
            "return W1.grad() and W2.grad() of W1 (num_inputs, num_hiddens) and W2 "
            "(num_hiddens, num_outputs)");
        if (!shapes_ok) return;

        // The reference: the same network differentiated by autograd here.
        auto W1 = nd::full({num_inputs, num_hiddens}, c);
        auto W2 = nd::full({num_hiddens, num_outputs}, c);
        W1.attach_grad();
        W2.attach_grad();
        NDArray l;
        {
          autograd::record rec;
          auto H = nd::relu(nd::dot(X, W1));
          l = nd::mean(nd::softmax_cross_entropy(nd::dot(H, W2), y));
        }
        l.backward();
        const std::string hint =
            "every weight (W1 and W2) is the constant c, the biases are 0, the hidden "
            "layer uses ReLU, and the loss is the mean (not the sum) over the batch";
        check.close(g.W2, W2.grad(),
                    "the gradient of W2 matches autograd's for W1 = W2 = 0.01", hint,
                    1e-6f);
        check.close(
            g.W1, W1.grad(), "the gradient of W1 matches autograd's for W1 = W2 = 0.01",
            hint +
                " (at this start it is 0 up to rounding: all outputs are equal, so "
                "the softmax error sums to 0 against any row of W2)",
            1e-6f);

        const float s2 = spread(g.W2, true), s1 = spread(g.W1, false);
        check.that(
            s2 <= 1e-7f,
            "all 4 rows of W2's gradient (one per hidden unit) are equal; the largest "
            "difference from row 0 is " +
                std::to_string(s2),
            "with equal weights every hidden unit computes the same value, so each "
            "receives the same gradient; random weights break this symmetry");
        check.that(s1 <= 1e-7f,
                   "all 4 columns of W1's gradient (one per hidden unit) are equal; the "
                   "largest difference from column 0 is " +
                       std::to_string(s1),
                   "with equal weights every hidden unit computes the same value");
        check.that(nd::abs(g.W2).sum().asscalar() > 1e-4f,
                   "the gradient of W2 is not zero",
                   "the hidden units are active (X W1 > 0 for some rows), so W2 gets a "
                   "gradient");
      });
}
