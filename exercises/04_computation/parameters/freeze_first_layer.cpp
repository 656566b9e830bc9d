// Exercise 2 of "Parameter Management": freezing a layer is how a trained
// feature extractor is kept fixed while the layers above it learn. Set the
// first layer's grad_req to GradReq::null, then train with a gluon::Trainer as
// usual; the check compares the weights before and after.
//
// Check it: bash scripts/exercise.sh freeze_first_layer
#include "freeze_first_layer.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

void train_frozen_first(nn::Sequential& net, const NDArray& X, const NDArray& y,
                        int steps, float lr) {
  exercise::todo("train_frozen_first");  // your answer here: replace this line
}
