// Exercise 3 of "Layers and Blocks": stacking a block n times can mean two
// things. n copies made one by one have n sets of parameters; one block added
// n times has a single set, used at every layer. Write both, with
// nn::Sequential::add, and compare their collect_params().
//
// Check it: bash scripts/exercise.sh repeat_blocks
#include "repeat_blocks.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

std::shared_ptr<nn::Sequential> repeat_copies(
    const std::function<std::shared_ptr<gluon::Block>()>& make, int n) {
  exercise::todo("repeat_copies");  // your answer here: replace this line
}

std::shared_ptr<nn::Sequential> repeat_same(std::shared_ptr<gluon::Block> block, int n) {
  exercise::todo("repeat_same");  // your answer here: replace this line
}
