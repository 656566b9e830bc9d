#pragma once
/// @file vision.hpp
/// Image data sets and transforms, as `mxnet.gluon.data.vision`.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "d2l/data.hpp"

namespace d2l::gluon::data::vision {

/// Fashion-MNIST: 28x28 grayscale images of clothing in 10 classes, 60000 for
/// training and 10000 for testing.
///
/// The images stay uint8 in memory (47 MB for the training set); batches come
/// out as float32 images `(batch, 28, 28, 1)` with values 0..255, laid out as
/// MXNet's (height, width, channel), and labels `(batch,)` with values 0..9.
/// `transforms::ToTensor` turns them into `(batch, 1, 28, 28)` in [0, 1].
///
/// The files (`train-images-idx3-ubyte.gz`, ..., gzip or unpacked) are looked
/// for in `root` when it is given; otherwise in `$D2L_DATA`,
/// `$D2L_DATA/fashion-mnist`, `./data/fashion-mnist`, `./data`, then
/// `/usr/share/datasets/fashion-mnist` (Debian's `dataset-fashion-mnist`).
/// Copies of the dataset share the images.
class FashionMNIST : public Dataset {
 public:
  /// The training set (`train`) or the test set; `root`: the folder to read.
  explicit FashionMNIST(bool train = true, const std::string& root = "");
  int64_t size() const override;
  Batch gather(std::span<const int64_t> indices) const override;

  /// Image height in pixels (28).
  int64_t height() const;
  /// Image width in pixels (28).
  int64_t width() const;
  /// All images, `size() x height() x width()` bytes, row-major.
  const std::vector<uint8_t>& images() const;
  /// All labels, one byte (0..9) per image.
  const std::vector<uint8_t>& labels() const;
  /// The folder the files were read from.
  const std::string& folder() const;

  struct Raw;  ///< for the library's own use: the bytes, shared by copies

 private:
  std::shared_ptr<const Raw> raw_;
};

/// The 10 class names, indexed by label: "t-shirt", "trouser", ... "ankle boot".
const std::array<std::string, 10>& fashion_mnist_label_names();

/// Transforms of image batches, applied by a DataLoader to each batch of
/// features (`DataLoaderOptions::transform`), so that a resized data set is
/// never held whole. They run on host arrays and record no autograd graph.
namespace transforms {

/// Images `(N, H, W, C)` with values 0..255 -> `(N, C, H, W)` in [0, 1], as
/// MXNet's ToTensor; a single image `(H, W, C)` -> `(C, H, W)`.
struct ToTensor {
  /// Converts a batch of images.
  NDArray operator()(const NDArray& images) const;
};

/// Bilinear resizing of `(N, C, H, W)` (or `(C, H, W)`) to `height x width`.
/// Pixel centers are aligned as in PyTorch's `align_corners=false` and
/// OpenCV's INTER_LINEAR (what MXNet uses): output pixel `i` samples input
/// position `(i + 0.5) * in / out - 0.5`, clamped to the image. No
/// antialiasing when shrinking. Use it after ToTensor (it needs channels first).
struct Resize {
  /// Square output: `Resize(224)`.
  explicit Resize(int64_t size) : Resize(size, size) {}
  /// Output of `height x width`.
  Resize(int64_t height, int64_t width);
  /// Resizes a batch of images.
  NDArray operator()(const NDArray& images) const;
  /// Output height.
  int64_t height;
  /// Output width.
  int64_t width;
};

/// `(x - mean[c]) / std[c]` for each channel c of `(N, C, H, W)` (or
/// `(C, H, W)`); one value for mean or std applies to every channel.
struct Normalize {
  /// Per-channel `mean` and `std` (or one value each for all channels).
  Normalize(std::vector<float> mean, std::vector<float> std);
  /// Normalizes a batch of images.
  NDArray operator()(const NDArray& images) const;
  /// Subtracted from each channel.
  std::vector<float> mean;
  /// Each channel is divided by it.
  std::vector<float> std;
};

/// Applies transforms in order: `Compose({ToTensor(), Resize(224)})`.
struct Compose {
  /// The transforms to apply, first to last.
  explicit Compose(std::vector<Transform> steps) : steps(std::move(steps)) {}
  /// Applies every step in turn.
  NDArray operator()(const NDArray& images) const;
  /// The transforms, in order.
  std::vector<Transform> steps;
};

}  // namespace transforms
}  // namespace d2l::gluon::data::vision
