// The residual block and ResNet-18 of chapters/06_modern_cnn/resnet.cpp.
#include "d2l/utils/resnet.hpp"

#include "d2l/gluon/nn/activation.hpp"
#include "d2l/gluon/nn/dense.hpp"
#include "d2l/gluon/nn/pooling.hpp"
#include "d2l/ops.hpp"

namespace d2l::book {

namespace nn = gluon::nn;

// [residual]
Residual::Residual(int64_t num_channels, bool use_1x1conv, Pair2 strides) {
  conv1 = register_child(
      std::make_shared<nn::Conv2D>(num_channels, 3, strides, /*padding=*/1), "conv1");
  conv2 = register_child(std::make_shared<nn::Conv2D>(num_channels, 3, 1, 1), "conv2");
  if (use_1x1conv) {  // the shortcut must match the channels and the stride
    conv3 =
        register_child(std::make_shared<nn::Conv2D>(num_channels, 1, strides), "conv3");
  }
  bn1 = register_child(std::make_shared<nn::BatchNorm>(), "bn1");
  bn2 = register_child(std::make_shared<nn::BatchNorm>(), "bn2");
}

NDArray Residual::forward(const NDArray& X) {
  NDArray Y = nd::relu((*bn1)((*conv1)(X)));
  Y = (*bn2)((*conv2)(Y));
  NDArray shortcut = conv3 ? (*conv3)(X) : X;
  return nd::relu(Y + shortcut);
}
// [residual]

// [resnet18]
nn::Sequential resnet_block(int64_t num_channels, int num_residuals, bool first_block) {
  nn::Sequential blk;
  for (int i = 0; i < num_residuals; ++i) {
    if (i == 0 && !first_block) {
      blk.add(Residual(num_channels, /*use_1x1conv=*/true, /*strides=*/2));
    } else {
      blk.add(Residual(num_channels));
    }
  }
  return blk;
}

nn::Sequential resnet18(int64_t num_classes) {
  nn::Sequential net;
  net.add(nn::Conv2D(64, 7, /*strides=*/2, /*padding=*/3), nn::BatchNorm(),
          nn::Activation("relu"), nn::MaxPool2D(3, 2, 1));
  net.add(resnet_block(64, 2, /*first_block=*/true), resnet_block(128, 2),
          resnet_block(256, 2), resnet_block(512, 2));
  net.add(nn::GlobalAvgPool2D(), nn::Dense(num_classes));
  return net;
}
// [resnet18]

}  // namespace d2l::book
