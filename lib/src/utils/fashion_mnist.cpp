#include "d2l/utils/fashion_mnist.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "d2l/error.hpp"
#include "d2l/vision.hpp"

namespace d2l::book {

namespace vision = gluon::data::vision;
using gluon::data::Batch;
using gluon::data::DataLoader;
using gluon::data::Dataset;

std::vector<std::string> get_fashion_mnist_labels(const NDArray& labels) {
  const auto& names = vision::fashion_mnist_label_names();
  std::vector<std::string> out;
  for (float v : labels.to_vector()) {
    const int i = static_cast<int>(v);
    if (i < 0 || i >= static_cast<int>(names.size())) {
      throw d2l::Error("get_fashion_mnist_labels: label " + std::to_string(v) +
                       " is not a class 0..9");
    }
    out.push_back(names[static_cast<size_t>(i)]);
  }
  return out;
}

namespace {

// The first `n` examples of another dataset: quick runs train on a prefix.
class Prefix : public Dataset {
 public:
  Prefix(std::shared_ptr<const Dataset> base, int64_t n)
      : base_(std::move(base)), n_(std::min(n, base_->size())) {}
  int64_t size() const override { return n_; }
  Batch gather(std::span<const int64_t> indices) const override {
    return base_->gather(indices);  // indices are already < n_
  }

 private:
  std::shared_ptr<const Dataset> base_;
  int64_t n_;
};

std::shared_ptr<const Dataset> first(std::shared_ptr<const Dataset> set, int64_t n) {
  if (n <= 0 || n >= set->size()) return set;
  return std::make_shared<const Prefix>(std::move(set), n);
}

}  // namespace

std::pair<DataLoader, DataLoader> load_data_fashion_mnist(int64_t batch_size,
                                                          int64_t resize,
                                                          int64_t num_train,
                                                          int64_t num_test,
                                                          const std::string& root) {
  gluon::data::Transform transform = vision::transforms::ToTensor();
  if (resize > 0) {
    transform = vision::transforms::Compose(
        {vision::transforms::ToTensor(), vision::transforms::Resize(resize)});
  }
  auto train = std::make_shared<const vision::FashionMNIST>(/*train=*/true, root);
  auto test = std::make_shared<const vision::FashionMNIST>(/*train=*/false, root);
  DataLoader train_iter(
      first(train, num_train),
      {.batch_size = batch_size, .shuffle = true, .transform = transform});
  DataLoader test_iter(
      first(test, num_test),
      {.batch_size = batch_size, .shuffle = false, .transform = transform});
  return {std::move(train_iter), std::move(test_iter)};
}

}  // namespace d2l::book
