// The check of ridge_gd: the result solves the ridge normal equations (the
// gradient of the penalized loss is zero), for two values of lambda.
#include "ridge_gd.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "ridge_gd", "03_multilayer_perceptrons/weight_decay/ridge_gd.cpp",
      [](exercise::Checks& check) {
        const int64_t n = 20, d = 5;
        NDArray X = nd::random::normal(0, 1, {n, d});
        NDArray y =
            nd::dot(X, NDArray{1, -2, 0.5, 0, 3}) + 4 + nd::random::normal(0, 0.5f, {n});
        for (float lambd : {0.5f, 2.0f}) {
          auto [w, b] = ridge_gd(X, y, lambd, 0.1f, 1000);
          const std::string l = " (lambda " + std::to_string(lambd).substr(0, 3) + ")";
          check.that(w.shape() == Shape{d}, "w has one entry per feature, shape (5,)" + l,
                     "got " + shape_str(w.shape()));
          if (w.shape() != Shape{d}) return;
          // (X^T X + n lambda I) w = X^T (y - b), written without forming I
          NDArray lhs = nd::dot(X, nd::dot(X, w), true) + float(n) * lambd * w;
          NDArray rhs = nd::dot(X, y - b, true);
          check.close(lhs, rhs, "(X^T X + n lambda I) w equals X^T (y - b)" + l,
                      "the penalty lambda / 2 * ||w||^2 adds lambda * w to the gradient "
                      "(not 2 lambda w), and the squared loss is averaged over the n "
                      "examples; run all the steps you are given",
                      2e-3f);
          check.close(b, (y - nd::dot(X, w)).mean().asscalar(),
                      "b is the mean of y - X w (the bias is not decayed)" + l,
                      "the bias's gradient is the mean error, with no lambda term", 1e-3);
        }
      });
}
