// The check of collapse_affine: shapes, then the one layer's outputs against
// the two layers' on random inputs, and a hand example.
#include "collapse_affine.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "collapse_affine", "03_multilayer_perceptrons/mlp/collapse_affine.cpp",
      [](exercise::Checks& check) {
        // hand example: d = 1, h = 2, q = 1
        auto [w, c] = collapse_affine(NDArray{{1, 2}}, NDArray{1, -1}, NDArray{{3}, {4}},
                                      NDArray{5});
        check.close(w, NDArray{{11}}, "W1 = [[1, 2]], W2 = [[3], [4]] give W = [[11]]",
                    "W is the matrix product W1 W2, of shape (d, q)");
        check.close(c, NDArray{4}, "b1 = {1, -1}, W2 = [[3], [4]], b2 = {5} give b = {4}",
                    "b1 passes through the second layer too: b = b1 W2 + b2, "
                    "here 1*3 - 1*4 + 5");
        NDArray W1 = nd::random::normal(0, 1, {5, 7}), b1 = nd::random::normal(0, 1, {7});
        NDArray W2 = nd::random::normal(0, 1, {7, 3}), b2 = nd::random::normal(0, 1, {3});
        auto [W, b] = collapse_affine(W1, b1, W2, b2);
        check.that(W.shape() == Shape{5, 3}, "W is (5, 3) for W1 (5, 7) and W2 (7, 3)",
                   "got " + shape_str(W.shape()));
        check.that(b.shape() == Shape{3}, "b is (3,), one entry per output",
                   "got " + shape_str(b.shape()) + "; reshape a (1, 3) result to {-1}");
        if (W.shape() != Shape{5, 3} || b.shape() != Shape{3}) return;
        NDArray X = nd::random::normal(0, 1, {10, 5});
        NDArray two = nd::dot(nd::dot(X, W1) + b1, W2) + b2;
        check.close(nd::dot(X, W) + b, two,
                    "X W + b equals (X W1 + b1) W2 + b2 on 10 random inputs",
                    "expand (X W1 + b1) W2 + b2 and collect what multiplies X and "
                    "what does not",
                    1e-3f);
      });
}
