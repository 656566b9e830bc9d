// The check of repeat_blocks: layer and parameter counts, distinct parameters
// for the copies, one shared set for the repeated block, and the outputs.
#include "repeat_blocks.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "repeat_blocks", "04_computation/model_construction/repeat_blocks.cpp",
      [](exercise::Checks& check) {
        const int n = 4;
        NDArray x = nd::random::normal(0, 1, {2, 6});
        int made = 0;
        auto copies = repeat_copies(
            [&made]() -> std::shared_ptr<gluon::Block> {
              ++made;
              return std::make_shared<nn::Dense>(6, "tanh");
            },
            n);
        check.that(made == n, "repeat_copies calls make() n = 4 times",
                   "it was called " + std::to_string(made) +
                       " times; call it once per layer, inside the loop");
        check.that(copies->size() == size_t(n), "the copies' Sequential has 4 layers",
                   "it has " + std::to_string(copies->size()));
        check.that(copies->collect_params().size() == size_t(2 * n),
                   "4 copies of a Dense have 8 parameters (weight and bias each)",
                   "found " + std::to_string(copies->collect_params().size()) +
                       "; each layer must be a new block from make()");
        if (copies->size() != size_t(n)) return;
        copies->initialize(init::Normal(0.5f));
        NDArray y = (*copies)(x);
        bool distinct = true;
        for (int i = 1; i < n; ++i) {
          distinct = distinct && !((*copies)[i].weight() == (*copies)[0].weight()) &&
                     nd::abs((*copies)[i].weight().data() - (*copies)[0].weight().data())
                             .max()
                             .asscalar() > 0;
        }
        check.that(distinct,
                   "the copies' weights are distinct and start at different values",
                   "do not add the same block twice: call make() for every layer");

        auto block = std::make_shared<nn::Dense>(6, "tanh");
        auto same = repeat_same(block, n);
        check.that(same->size() == size_t(n),
                   "the repeated block's Sequential has 4 layers",
                   "it has " + std::to_string(same->size()));
        check.that(same->collect_params().size() == 2,
                   "one block added 4 times has only its own 2 parameters",
                   "found " + std::to_string(same->collect_params().size()) +
                       "; add the block you are given, not new ones");
        if (same->size() != size_t(n)) return;
        same->initialize(init::Normal(0.5f));
        NDArray z = (*same)(x);
        NDArray expected = x;
        for (int i = 0; i < n; ++i) expected = (*block)(expected);
        check.close(z, expected, "its output is the given block applied 4 times in a row",
                    "every layer must be the block passed in");
      });
}
