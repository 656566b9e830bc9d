// The check of preact_residual: output shapes with and without the 1x1
// shortcut; the input passed through unchanged when every parameter is 0; and
// the residual branch blind to a per-channel shift of the input in training
// mode, which holds only when batch normalization comes first.
#include "preact_residual.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "preact_residual", "06_modern_cnn/resnet/preact_residual.cpp",
      [](exercise::Checks& check) {
        auto X = nd::random::normal(0, 1, {4, 3, 6, 6});
        auto same = make_preact_residual(3);
        same->initialize();
        NDArray Y = (*same)(X);
        check.that(Y.shape() == X.shape(),
                   "make_preact_residual(3) keeps the shape (4, 3, 6, 6) (got " +
                       shape_str(Y.shape()) + ")",
                   "both 3x3 convolutions need padding 1 and 3 output channels");
        auto halving = make_preact_residual(6, /*use_1x1conv=*/true, /*strides=*/2);
        halving->initialize();
        NDArray Z = (*halving)(X);
        check.that(Z.shape() == Shape{4, 6, 3, 3},
                   "make_preact_residual(6, true, 2) turns (4, 3, 6, 6) into "
                   "(4, 6, 3, 3) (got " +
                       shape_str(Z.shape()) + ")",
                   "conv1 and the 1x1 shortcut both take the stride; conv2 has stride 1");

        // The residual branch f(X) - X, in training mode (batch statistics).
        auto branch = [&](const NDArray& in) {
          autograd::train_mode training;
          return (*same)(in)-in;
        };
        NDArray shift = NDArray{2, -3, 0.5}.reshape({1, 3, 1, 1});
        check.close(
            branch(X + shift), branch(X),
            "in training mode, adding (2, -3, 0.5) to the input's channels leaves "
            "f(X) - X unchanged (the branch starts with batch normalization)",
            "the branch is conv2(relu(bn2(conv1(relu(bn1(X)))))): bn1 before "
            "conv1, and the shortcut added after conv2",
            1e-3f);

        for (auto p : same->collect_params()) p.set_data(nd::zeros(p.shape()));
        check.close((*same)(X), X,
                    "with every parameter 0, the block returns its input, negative "
                    "entries included",
                    "nothing comes after the addition: no ReLU on Y + X");
      });
}
