// The check of dropout_unscaled: the cases p = 0 and p = 1, survivors equal to
// the input, the fraction kept on a large array, and the training mean against
// the prediction mean.
#include "dropout_unscaled.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "dropout_unscaled", "03_multilayer_perceptrons/dropout/dropout_unscaled.cpp",
      [](exercise::Checks& check) {
        NDArray X = nd::arange(1, 17).reshape({2, 8});
        check.close(dropout_unscaled(X, 0), X, "p = 0 returns the input unchanged",
                    "keep each element with probability 1 - p; with p = 0 that is all");
        check.close(dropout_unscaled(X, 1), nd::zeros({2, 8}), "p = 1 returns all zeros",
                    "with p = 1 no element survives (and nothing is divided by 0)");
        const int64_t n = 100000;
        NDArray big = nd::random::uniform(1, 2, {n});  // no zeros: dropped ones show
        NDArray d = dropout_unscaled(big, 0.3f);
        check.that(d.shape() == big.shape(), "the output has the input's shape",
                   "got " + shape_str(d.shape()));
        if (d.shape() != big.shape()) return;
        NDArray kept = d > 0.0f;
        check.close((kept * nd::abs(d - big)).max().asscalar(), 0.0,
                    "every survivor equals its input element (no 1 / (1 - p) scaling)",
                    "multiply by the 0/1 mask only; this version does not rescale", 1e-6);
        check.close(kept.mean().asscalar(), 0.7,
                    "with p = 0.3 about 70% of 100000 elements survive",
                    "an element survives when its uniform number is below 1 - p, "
                    "not below p",
                    0.01);
        NDArray d2 = dropout_unscaled(big, 0.3f);
        check.that((nd::abs(d2 - d) > 0.0f).sum().asscalar() > 1000,
                   "two calls drop different elements",
                   "draw a fresh random mask in every call");
        check.close(dropout_unscaled_predict(X, 0.25f), X * 0.75f,
                    "at prediction, p = 0.25 multiplies every element by 0.75",
                    "scale by the keep probability 1 - p, not by p");
        check.close(d.mean().asscalar(),
                    dropout_unscaled_predict(big, 0.3f).mean().asscalar(),
                    "the training output's mean matches the prediction output's mean "
                    "(p = 0.3)",
                    "training keeps 1 - p of the values unchanged, so prediction must "
                    "scale by 1 - p",
                    0.01);
      });
}
