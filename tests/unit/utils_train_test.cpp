// accuracy, evaluate_accuracy, train_ch3 and the history figure.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "d2l/gluon.hpp"
#include "d2l/ops.hpp"
#include "d2l/utils/plot.hpp"
#include "d2l/utils/train.hpp"

using namespace d2l;
using namespace d2l::book;  // the book's helpers: tests call them unqualified
using gluon::data::ArrayDataset;
using gluon::data::DataLoader;

namespace {

// Three Gaussian blobs in the plane, one per class, well separated.
ArrayDataset blobs(int64_t per_class) {
  std::vector<NDArray> xs, ys;
  const float centers[3][2] = {{-2, 0}, {2, 0}, {0, 3}};
  for (int c = 0; c < 3; ++c) {
    auto X = nd::random::normal(0, 0.7f, {per_class, 2}) +
             NDArray(std::vector<float>{centers[c][0], centers[c][1]}, {1, 2});
    xs.push_back(X);
    ys.push_back(nd::full({per_class}, static_cast<float>(c)));
  }
  return ArrayDataset(nd::concat(xs, 0), nd::concat(ys, 0));
}

// Captures std::cout while alive.
struct CaptureCout {
  std::stringstream text;
  std::streambuf* old = std::cout.rdbuf(text.rdbuf());
  ~CaptureCout() { std::cout.rdbuf(old); }
};

}  // namespace

TEST_CASE("accuracy counts rows whose argmax is the label", "[utils][train]") {
  NDArray y_hat{{0.1f, 0.3f, 0.6f}, {0.5f, 0.2f, 0.3f}, {0.2f, 0.7f, 0.1f}};
  CHECK(accuracy(y_hat, NDArray{2, 0, 0}) == 2.0);
  CHECK(accuracy(y_hat, NDArray{1, 1, 1}) == 1.0);
  CHECK(accuracy(y_hat, NDArray({2, 0, 1}, {3, 1})) == 3.0);  // (n, 1) labels too
}

TEST_CASE("evaluate_accuracy of a fixed net over a DataLoader", "[utils][train]") {
  // The net picks class 0 when x > 0 and class 1 otherwise.
  NDArray X({1, -1, 2, -3, 4}, {5, 1});
  NDArray y{0, 1, 1, 1, 0};  // the third example is labelled wrong
  DataLoader loader(ArrayDataset(X, y), {.batch_size = 2});
  NetFn net = [](const NDArray& x) { return nd::concat({x, -x}, /*dim=*/1); };
  CHECK(evaluate_accuracy(net, loader) == Approx(0.8));
  // A Gluon block: Dense(2) with weights (1, -1), no bias.
  nn::Dense dense({.units = 2, .use_bias = false, .in_units = 1});
  dense.initialize();
  dense.weight.set_data(NDArray({1, -1}, {2, 1}));
  CHECK(evaluate_accuracy(dense, loader) == Approx(0.8));
}

TEST_CASE("train_ch3 from scratch learns three blobs", "[utils][train]") {
  nd::random::seed(11);
  DataLoader train_iter(blobs(100), {.batch_size = 32, .shuffle = true});
  DataLoader test_iter(blobs(50), {.batch_size = 64});
  auto W = nd::random::normal(0, 0.01f, {2, 3});
  auto b = nd::zeros({3});
  W.attach_grad();
  b.attach_grad();
  NetFn net = [&](const NDArray& X) { return nd::dot(X, W) + b; };
  LossFn loss = [](const NDArray& y_hat, const NDArray& y) {
    return nd::softmax_cross_entropy(y_hat, y);
  };
  TrainHistory h;
  std::string printed;
  {
    CaptureCout capture;
    h = train_ch3(net, train_iter, test_iter, loss, /*num_epochs=*/4, /*batch_size=*/32,
                  {W, b}, /*lr=*/0.5f);
    printed = capture.text.str();
  }
  REQUIRE(h.epochs() == 4);
  CHECK(h.loss.back() < h.loss.front());
  CHECK(h.train_acc.back() > 0.9);
  CHECK(h.test_acc.back() > 0.9);
  CHECK(h.seconds.size() == 4);
  CHECK(h.examples_per_sec.back() > 0);
  // One summary line per epoch, and nothing else (progress goes to stderr).
  CHECK(printed.find("epoch 1, loss ") == 0);
  CHECK(printed.find("epoch 4, loss ") != std::string::npos);
  CHECK(printed.find(", train acc ") != std::string::npos);
  CHECK(printed.find(" examples/s\n") != std::string::npos);
  CHECK(printed.find('\r') == std::string::npos);
  CHECK(std::count(printed.begin(), printed.end(), '\n') == 4);

  auto path = std::filesystem::temp_directory_path() / "d2l_utils_history.svg";
  plot_history(path.string(), h, "blobs");
  std::ifstream in(path);
  std::stringstream svg;
  svg << in.rdbuf();
  CHECK(svg.str().find(">test acc</text>") != std::string::npos);
}

TEST_CASE("train_ch3 with a Gluon net and Trainer learns three blobs", "[utils][train]") {
  nd::random::seed(12);
  DataLoader train_iter(blobs(100), {.batch_size = 32, .shuffle = true});
  DataLoader test_iter(blobs(50), {.batch_size = 64});
  nn::Sequential net;
  net.add(nn::Dense(3));
  net.initialize(init::Normal(0.01f));
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.5f});
  std::stringstream sink;
  auto* old = std::cout.rdbuf(sink.rdbuf());
  auto h = train_ch3(net, train_iter, test_iter, gluon::loss::SoftmaxCrossEntropyLoss(),
                     3, 32, trainer);
  std::cout.rdbuf(old);
  CHECK(h.test_acc.back() > 0.9);
  CHECK(h.train_acc.back() > 0.9);
}
