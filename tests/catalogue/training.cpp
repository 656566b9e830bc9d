// Training settings that would run without a word and give nonsense: a NaN or
// negative learning rate, momentum or weight decay, a batch of 0, a dataset
// whose examples and labels differ in number.
#include <cmath>

#include "catalogue.hpp"

using namespace catalogue;
using namespace d2l;

namespace {

// A Dense(2) layer's parameters, made once.
gluon::ParameterDict params_of_a_layer() {
  static nn::Dense layer = [] {
    nn::Dense l(2);
    l.initialize();
    l(nd::ones({1, 3}));
    return l;
  }();
  return layer.collect_params();
}

}  // namespace

TEST_CASE("training: a learning rate that is NaN, infinite or negative",
          "[catalogue][training]") {
  const auto params = params_of_a_layer();
  expect_named_error([&] { gluon::Trainer(params, "sgd", {.learning_rate = NAN}); },
                     {"Trainer", "learning_rate", "nan"});
  expect_named_error([&] { gluon::Trainer(params, "sgd", {.learning_rate = -0.1f}); },
                     {"Trainer", "learning_rate", "-0.1"});
  gluon::Trainer trainer(params, "sgd", {.learning_rate = 0.1f});
  expect_named_error([&] { trainer.set_learning_rate(INFINITY); },
                     {"learning_rate", "inf"});
  CHECK(trainer.learning_rate() == 0.1f);  // unchanged by the refused rate
}

TEST_CASE("training: momentum or weight decay out of range", "[catalogue][training]") {
  const auto params = params_of_a_layer();
  expect_named_error([&] { gluon::Trainer(params, "sgd", {.momentum = NAN}); },
                     {"momentum", "[0, 1)"});
  expect_named_error([&] { gluon::Trainer(params, "sgd", {.wd = -1e-4f}); },
                     {"wd", "-0.0001"});
  expect_named_error([&] { gluon::Trainer(params, "adam"); }, {"adam", "sgd"});
}

TEST_CASE("training: a step over a batch of 0", "[catalogue][training]") {
  gluon::Trainer trainer(params_of_a_layer(), "sgd");
  expect_named_error([&] { trainer.step(0); }, {"step", "batch_size"});
}

TEST_CASE("training: a dataset of 3 examples and 2 labels", "[catalogue][training]") {
  expect_named_error(
      [] {
        gluon::data::ArrayDataset(nd::ones({3, 2}), nd::ones({2}));
      },
      {"ArrayDataset", "3", "2"});
  expect_named_error(
      [] {
        gluon::data::DataLoader(
            gluon::data::ArrayDataset(nd::ones({3, 2}), nd::ones({3})),
            {.batch_size = 0});
      },
      {"DataLoader", "batch_size"});
}
