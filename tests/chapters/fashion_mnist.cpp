// Checks of chapters/02_linear_networks/fashion_mnist.cpp: the sizes of the data
// set, the layout of one example and of a transformed batch.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::entry;
using chapter_test::scalar;
using chapter_test::values;
using Vec = std::vector<double>;

namespace {

const char* const kName = "fashion_mnist";

}  // namespace

TEST_CASE("Fashion-MNIST has 60000 training and 10000 test images", "[fashion_mnist]") {
  CHECK(scalar(kName, "train_size") == 60000);
  CHECK(scalar(kName, "test_size") == 10000);
  CHECK(scalar(kName, "num_classes") == 10);
}

TEST_CASE("one example is a 28x28x1 image and a label", "[fashion_mnist]") {
  CHECK(values(kName, "example_shape") == Vec{28, 28, 1});
  // The first training image of Fashion-MNIST is an ankle boot (label 9).
  CHECK(scalar(kName, "first_label") == 9);
  CHECK(entry(kName, "first_label_name").get<std::string>() == "ankle boot");
}

TEST_CASE("ToTensor batches are channels first with values in 0 to 1",
          "[fashion_mnist]") {
  CHECK(values(kName, "batch_shape") == Vec{256, 1, 28, 28});
  CHECK(scalar(kName, "batch_max") <= 1);
  CHECK(scalar(kName, "batch_max") > 0.5);
}

TEST_CASE("one epoch visits every example once", "[fashion_mnist]") {
  const double n = scalar(kName, "epoch_examples");
  CHECK(n >= 10000);
  CHECK(scalar(kName, "epoch_batches") == std::ceil(n / 256));
  CHECK(scalar(kName, "epoch_seconds") > 0);
}
