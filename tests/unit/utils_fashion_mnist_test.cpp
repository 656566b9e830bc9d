// get_fashion_mnist_labels and load_data_fashion_mnist.
#include <catch2/catch.hpp>
#include <filesystem>

#include "d2l/utils/fashion_mnist.hpp"

using namespace d2l;
using namespace d2l::book;  // the book's helpers: tests call them unqualified

TEST_CASE("get_fashion_mnist_labels names the classes", "[utils][fashion_mnist]") {
  auto names = get_fashion_mnist_labels(NDArray{0, 9, 3, 7});
  REQUIRE(names.size() == 4);
  CHECK(names[0] == "t-shirt");
  CHECK(names[1] == "ankle boot");
  CHECK(names[2] == "dress");
  CHECK(names[3] == "sneaker");
  CHECK_THROWS_WITH(get_fashion_mnist_labels(NDArray{10}), Catch::Contains("0..9"));
}

TEST_CASE("load_data_fashion_mnist gives tensors and keeps a prefix",
          "[utils][fashion_mnist]") {
  const std::string root = "/usr/share/datasets/fashion-mnist";
  if (!std::filesystem::exists(root + "/train-images-idx3-ubyte.gz")) {
    WARN("skipped: " << root << " is missing (apt-get install dataset-fashion-mnist)");
    return;
  }
  auto [train_iter, test_iter] = load_data_fashion_mnist(100, /*resize=*/0,
                                                         /*num_train=*/250,
                                                         /*num_test=*/0, root);
  CHECK(train_iter.size() == 3);
  CHECK(train_iter.dataset().size() == 250);
  CHECK(test_iter.dataset().size() == 10000);
  auto batch = *train_iter.begin();
  CHECK(batch.data.shape() == Shape{100, 1, 28, 28});
  CHECK(batch.label.shape() == Shape{100});
  CHECK(batch.data.max().asscalar() <= 1.0f);
  auto [small, unused] = load_data_fashion_mnist(8, /*resize=*/14, 16, 16, root);
  CHECK((*small.begin()).data.shape() == Shape{8, 1, 14, 14});
  // The test loader is in file order; the training loader is shuffled.
  auto first = (*test_iter.begin()).label.to_vector();
  auto again = (*test_iter.begin()).label.to_vector();
  CHECK(first == again);
}
