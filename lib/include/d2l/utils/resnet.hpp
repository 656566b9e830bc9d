#pragma once
/// @file resnet.hpp
/// The residual block and ResNet-18 of the book's resnet section (d2lzh's
/// `Residual` and `resnet18`), kept in the library so that later programs and
/// the benchmarks build exactly the network that the section trains.

#include <cstdint>
#include <memory>

#include "d2l/gluon/block.hpp"
#include "d2l/gluon/nn/batch_norm.hpp"
#include "d2l/gluon/nn/conv2d.hpp"
#include "d2l/gluon/nn/sequential.hpp"

namespace d2l::book {

/// A residual block: two 3x3 convolutions, each followed by batch
/// normalization, the first also by a ReLU, and the block's input added back
/// before the last ReLU:
///
///     Y = relu(bn2(conv2(relu(bn1(conv1(X))))) + shortcut(X))
///
/// The shortcut is X itself, or with `use_1x1conv` a 1x1 convolution with the
/// same `strides` as conv1, which matches the channels and the halved height
/// and width when the block changes them. (N, C, H, W) ->
/// (N, num_channels, H / strides, W / strides), rounded up.
class Residual : public gluon::Block {
 public:
  /// `num_channels` out; `use_1x1conv` and `strides` as described above.
  explicit Residual(int64_t num_channels, bool use_1x1conv = false, Pair2 strides = 1);
  NDArray forward(const NDArray& X) override;

  ///@{
  /// The two 3x3 convolutions (the first with `strides`).
  std::shared_ptr<gluon::nn::Conv2D> conv1, conv2;
  ///@}
  std::shared_ptr<gluon::nn::Conv2D> conv3;  ///< the 1x1 shortcut, or null
  ///@{
  /// Batch normalization after conv1 and after conv2.
  std::shared_ptr<gluon::nn::BatchNorm> bn1, bn2;
  ///@}
};

/// `num_residuals` residual blocks with `num_channels` channels. The first
/// halves height and width and changes the channels through a 1x1 shortcut,
/// unless `first_block` (the first stage follows a max-pooling layer that
/// already halved them).
gluon::nn::Sequential resnet_block(int64_t num_channels, int num_residuals,
                                   bool first_block = false);

/// ResNet-18 as the section builds it: a 7x7 convolution with 64 channels and
/// stride 2, batch normalization, ReLU and 3x3 max pooling with stride 2;
/// four stages of two residual blocks with 64, 128, 256 and 512 channels;
/// global average pooling and a dense layer with `num_classes` outputs.
/// 18 layers with weights: 1 + 4 * 2 * 2 convolutions and the dense layer.
gluon::nn::Sequential resnet18(int64_t num_classes);

}  // namespace d2l::book
