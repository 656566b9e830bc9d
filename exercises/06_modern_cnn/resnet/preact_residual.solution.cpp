// The reference answer to preact_residual.cpp.
#include "preact_residual.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;
namespace nn = gluon::nn;

namespace {

class PreActResidual : public gluon::Block {
 public:
  PreActResidual(int64_t num_channels, bool use_1x1conv, Pair2 strides) {
    bn1 = register_child(std::make_shared<nn::BatchNorm>(), "bn1");
    conv1 = register_child(
        std::make_shared<nn::Conv2D>(num_channels, 3, strides, /*padding=*/1), "conv1");
    bn2 = register_child(std::make_shared<nn::BatchNorm>(), "bn2");
    conv2 = register_child(std::make_shared<nn::Conv2D>(num_channels, 3, 1, 1), "conv2");
    if (use_1x1conv) {
      conv3 =
          register_child(std::make_shared<nn::Conv2D>(num_channels, 1, strides), "conv3");
    }
  }
  NDArray forward(const NDArray& X) override {
    NDArray Y = (*conv1)(nd::relu((*bn1)(X)));
    Y = (*conv2)(nd::relu((*bn2)(Y)));
    return Y + (conv3 ? (*conv3)(X) : X);  // no ReLU after the sum
  }
  std::shared_ptr<nn::BatchNorm> bn1, bn2;
  std::shared_ptr<nn::Conv2D> conv1, conv2, conv3;
};

}  // namespace

std::shared_ptr<gluon::Block> make_preact_residual(int64_t num_channels, bool use_1x1conv,
                                                   Pair2 strides) {
  return std::make_shared<PreActResidual>(num_channels, use_1x1conv, strides);
}
