// Exercise 3 of "Residual Networks (ResNet)": the block of the section ends
// with relu(Y + X), so even with its weights at zero it does not pass X through
// unchanged (negative entries are cut). The "pre-activation" block moves batch
// normalization and ReLU in front of each convolution and adds the shortcut
// last, with nothing after it. Write it, after book::Residual (its source is
// in the section), and return it from make_preact_residual.
//
// Check it: bash scripts/exercise.sh preact_residual
#include "preact_residual.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;
namespace nn = gluon::nn;

namespace {

class PreActResidual : public gluon::Block {
 public:
  PreActResidual(int64_t num_channels, bool use_1x1conv, Pair2 strides) {
    // Register the children here (register_child), as book::Residual does.
    (void)num_channels, (void)use_1x1conv, (void)strides;
  }
  NDArray forward(const NDArray& X) override {
    exercise::todo("PreActResidual::forward");  // your answer here: replace this line
  }
};

}  // namespace

std::shared_ptr<gluon::Block> make_preact_residual(int64_t num_channels, bool use_1x1conv,
                                                   Pair2 strides) {
  return std::make_shared<PreActResidual>(num_channels, use_1x1conv, strides);
}
