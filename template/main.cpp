// Your own program on the d2l library: linear regression with Gluon on
// synthetic data (as in the chapter "Concise Implementation of Linear
// Regression"), so it needs no data set and trains in a moment. Change it freely.
#include <d2l/d2l.hpp>
#include <iostream>

using namespace d2l;

int main() {
  nd::random::seed(0);  // the same numbers on every run

  // 1000 examples of y = Xw + b + noise, with w = (2, -3.4) and b = 4.2.
  NDArray true_w{2, -3.4f};
  const float true_b = 4.2f;
  auto [features, labels] = book::synthetic_data(true_w, true_b, /*num_examples=*/1000);
  gluon::data::ArrayDataset dataset(features, labels);
  const int64_t batch_size = 10;
  gluon::data::DataLoader data_iter(dataset, {.batch_size = batch_size, .shuffle = true});

  // One Dense layer with one output is linear regression.
  nn::Sequential net;
  net.add(nn::Dense(1));
  net.initialize(init::Normal(0.01f));
  gluon::loss::L2Loss loss;
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.03f});

  for (int epoch = 1; epoch <= 3; ++epoch) {
    for (const auto& [X, y] : data_iter) {
      NDArray l;
      {
        autograd::record rec;
        l = loss(net(X), y);  // (batch,)
      }
      l.backward();
      trainer.step(batch_size);
    }
    std::cout << "epoch " << epoch << ", loss "
              << loss(net(features), labels).mean().asscalar() << "\n";
  }
  std::cout << "learned w: " << net[0].weight().data().reshape({2}) << "\n"
            << "learned b: " << net[0].bias().data().asscalar() << "\n";
}
