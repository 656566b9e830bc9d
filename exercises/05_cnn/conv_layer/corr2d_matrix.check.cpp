// The check of corr2d_matrix: its shape, and its product with flattened random
// images against book::corr2d, for square and non-square images and kernels.
#include "corr2d_matrix.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "corr2d_matrix", "05_cnn/conv_layer/corr2d_matrix.cpp",
      [](exercise::Checks& check) {
        struct Case {
          int64_t n_h, n_w, k_h, k_w;
        };
        for (Case c : {Case{3, 3, 2, 2}, Case{4, 6, 2, 3}, Case{5, 4, 3, 1}}) {
          const std::string sizes =
              "image (" + std::to_string(c.n_h) + ", " + std::to_string(c.n_w) +
              "), kernel (" + std::to_string(c.k_h) + ", " + std::to_string(c.k_w) + ")";
          auto K = nd::random::normal(0, 1, {c.k_h, c.k_w});
          auto X = nd::random::normal(0, 1, {c.n_h, c.n_w});
          NDArray M = corr2d_matrix(c.n_h, c.n_w, K);
          const Shape want{(c.n_h - c.k_h + 1) * (c.n_w - c.k_w + 1), c.n_h * c.n_w};
          check.that(M.shape() == want,
                     sizes + ": M has shape " + shape_str(want) + " (got " +
                         shape_str(M.shape()) + ")",
                     "one row per output entry, one column per input pixel");
          if (M.shape() != want) continue;
          check.close(
              nd::dot(M, X.reshape({-1})), book::corr2d(X, K).reshape({-1}),
              sizes + ": dot(M, X.reshape(-1)) is corr2d(X, K) flattened",
              "row i * o_w + j of M holds K[a, b] in column (i + a) * n_w + "
              "(j + b): columns count the image's width n_w, rows the output's o_w");
        }
      });
}
