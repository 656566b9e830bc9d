// The check of log_softmax_by_hand: the section's logits (1000, 1001, 1002)
// against nd::log_softmax and hand values, a row with a gap of 200 (where
// log(softmax) gives -inf), and small logits.
#include "log_softmax_by_hand.hpp"

#include <cmath>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "log_softmax_by_hand",
      "02_linear_networks/softmax_regression_gluon/log_softmax_by_hand.cpp",
      [](exercise::Checks& check) {
        NDArray big{{1000, 1001, 1002}};
        // log(e^0 + e^1 + e^2) = 2.40760596, so the entries are -2.4076, -1.4076,
        // -0.4076.
        check.close(log_softmax_by_hand(big),
                    NDArray{{-2.407606f, -1.407606f, -0.407606f}},
                    "log_softmax of (1000, 1001, 1002) is (-2.4076, -1.4076, -0.4076)",
                    "exp(1000) is inf in float: subtract the row's max (X.max(1, true)) "
                    "before exp, and subtract the log of the sum afterwards",
                    1e-4f);
        check.close(log_softmax_by_hand(big), nd::log_softmax(big),
                    "it agrees with nd::log_softmax at logits near 1000");
        NDArray gap{{0, 200}, {-3, 3}};
        NDArray got = log_softmax_by_hand(gap);
        bool finite = true;
        for (float v : got.to_vector()) finite = finite && std::isfinite(v);
        check.that(
            finite,
            "(0, 200) gives finite values, not -inf (got " + exercise::show(got) + ")",
            "log(softmax) fails when exp(-200) underflows to 0; the log-sum-exp "
            "form x - m - log(sum exp(x - m)) never takes the log of that 0");
        check.close(got, nd::log_softmax(gap),
                    "(0, 200) gives (-200, 0), and (-3, 3) what nd::log_softmax gives");
        NDArray small{{1, 2, 3}, {0, 0, 0}, {-1, 4, 0.5f}};
        check.close(log_softmax_by_hand(small), nd::log_softmax(small),
                    "small logits give what nd::log_softmax gives, row by row",
                    "reduce over axis 1 with keepdims (X.max(1, true), .sum(1, true)) so "
                    "that each row is shifted by its own numbers");
      });
}
