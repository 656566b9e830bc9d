// Exercise 1 of "Custom Layers": a layer whose output is quadratic in its
// input, y_k = sum_ij W_ijk x_i x_j, with a three-axis weight. Register the
// weight as MyDense registers its parameters in the section, and write forward
// with nd ops (a product of x with itself, then a dot with W reshaped), not
// with loops over the entries.
//
// Check it: bash scripts/exercise.sh tensor_reduction
#include "tensor_reduction.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

class TensorReduction : public gluon::Block {
 public:
  TensorReduction(int64_t in_units, int64_t units) {
    // your answer here: register the parameter "weight" of shape
    // (in_units, in_units, units)
  }
  // (batch, in_units) -> (batch, units)
  NDArray forward(const NDArray& x) override {
    exercise::todo("TensorReduction::forward");  // your answer here: replace this line
  }
  gluon::Parameter weight;
};

std::shared_ptr<gluon::Block> make_tensor_reduction(int64_t in_units, int64_t units) {
  return std::make_shared<TensorReduction>(in_units, units);
}
