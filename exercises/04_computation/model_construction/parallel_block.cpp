// Exercise 2 of "Layers and Blocks": a block need not be a chain. Write
// Parallel, which feeds the same input to two child blocks and puts their
// outputs side by side (nd::concat along axis 1). Register both children, as
// MLP does in the section, so that initialize() and collect_params() see them.
//
// Check it: bash scripts/exercise.sh parallel_block
#include "parallel_block.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

class Parallel : public gluon::Block {
 public:
  Parallel(std::shared_ptr<gluon::Block> a, std::shared_ptr<gluon::Block> b) {
    // your answer here: keep a and b as registered children
  }
  NDArray forward(const NDArray& x) override {
    exercise::todo("Parallel::forward");  // your answer here: replace this line
  }
};

std::shared_ptr<gluon::Block> make_parallel(std::shared_ptr<gluon::Block> a,
                                            std::shared_ptr<gluon::Block> b) {
  return std::make_shared<Parallel>(std::move(a), std::move(b));
}
