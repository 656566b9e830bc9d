#pragma once
/// @file fashion_mnist.hpp
/// Fashion-MNIST helpers: label names and ready-made DataLoaders.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "d2l/data.hpp"
#include "d2l/ndarray.hpp"

namespace d2l::book {

/// The class name of each label (`0` -> "t-shirt", ..., `9` -> "ankle boot").
std::vector<std::string> get_fashion_mnist_labels(const NDArray& labels);

/// Training and test DataLoaders over Fashion-MNIST, with batches of images
/// `(batch, 1, side, side)` in [0, 1] (ToTensor, then Resize when `resize` > 0)
/// and labels `(batch,)`. The training loader shuffles, the test loader does
/// not. `num_train` / `num_test` > 0 keep only the first examples of each set
/// (for `--quick` runs); 0 keeps all. `root` is where to look for the files
/// (see vision::FashionMNIST).
std::pair<gluon::data::DataLoader, gluon::data::DataLoader> load_data_fashion_mnist(
    int64_t batch_size, int64_t resize = 0, int64_t num_train = 0, int64_t num_test = 0,
    const std::string& root = "");

}  // namespace d2l::book
