// The check of parallel_block: the output's shape, its two halves against the
// children's own outputs, and the children's parameters seen through it.
#include "parallel_block.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "parallel_block", "04_computation/model_construction/parallel_block.cpp",
      [](exercise::Checks& check) {
        auto a = std::make_shared<nn::Dense>(3);
        auto b = std::make_shared<nn::Dense>(4, "relu");
        auto par = make_parallel(a, b);
        par->initialize(init::Normal(1.0f));
        NDArray x = nd::random::normal(0, 1, {2, 5});
        NDArray y = (*par)(x);
        check.that(
            y.shape() == Shape{2, 7},
            "the output for a (2, 5) input and children of 3 and 4 units is (2, 7)",
            "got " + shape_str(y.shape()) +
                "; concatenate along axis 1: nd::concat({ya, yb}, 1)");
        check.close(y, nd::concat({(*a)(x), (*b)(x)}, 1),
                    "the output is a(x) followed by b(x), column-wise",
                    "a's columns come first; both children get the same input x");
        check.that(par->collect_params().size() == 4,
                   "collect_params() finds the 4 parameters of the two children",
                   "found " + std::to_string(par->collect_params().size()) +
                       ": register both children with register_child");
        NDArray x3 = nd::random::normal(0, 1, {6, 5});
        check.that((*par)(x3).shape() == Shape{6, 7}, "a batch of 6 gives (6, 7)",
                   "do not assume a batch size");
      });
}
