// The check of stable_softmax: small logits as nd::softmax gives them, large
// ones without NaN, and rows that sum to 1.
#include "stable_softmax.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run("stable_softmax",
                       "02_linear_networks/softmax_regression_scratch/stable_softmax.cpp",
                       [](exercise::Checks& check) {
                         NDArray small{{1, 2, 3}, {0, 0, 0}};
                         check.close(stable_softmax(small), nd::softmax(small),
                                     "small logits give what nd::softmax gives");
                         NDArray large{{1000, 1001}};
                         NDArray p = stable_softmax(large);
                         check.close(
                             p, NDArray{{0.268941f, 0.731059f}},
                             "logits (1000, 1001) give (0.269, 0.731), as (0, 1) does",
                             "exp(1000) is inf in float: subtract each row's max first "
                             "(X.max(1, true) keeps the axis for broadcasting)");
                         NDArray mixed{{-1000, 0, 1000}, {5, 5, 5}};
                         check.close(stable_softmax(mixed).sum(1), NDArray{1, 1},
                                     "each row of a mixed batch sums to 1");
                       });
}
