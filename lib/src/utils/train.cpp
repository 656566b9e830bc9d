// accuracy, evaluate_accuracy and train_ch3: the book's chapter-3 loop.
#include "d2l/utils/train.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "d2l/utils/accumulator.hpp"
#include "d2l/utils/linreg.hpp"
#include "d2l/utils/progress.hpp"
#include "d2l/utils/timer.hpp"

namespace d2l::book {

using gluon::data::DataLoader;

// [accuracy]
double accuracy(const NDArray& y_hat, const NDArray& y) {
  auto predicted = nd::argmax(y_hat, /*axis=*/1);
  return nd::equal(predicted, y.reshape(predicted.shape())).sum().asscalar();
}
// [accuracy]

// [evaluate_accuracy]
double evaluate_accuracy(const NetFn& net, const DataLoader& data_iter, Device device) {
  Accumulator metric(2);  // correct predictions, examples
  for (const auto& batch : data_iter) {
    auto X = batch.data.as_in_context(device);
    auto y = batch.label.as_in_context(device);
    metric.add(accuracy(net(X), y), y.shape()[0]);
  }
  return metric[1] > 0 ? metric[0] / metric[1] : 0.0;
}
// [evaluate_accuracy]

double evaluate_accuracy(gluon::Block& net, const DataLoader& data_iter, Device device) {
  autograd::predict_mode predicting;  // no dropout while measuring
  return evaluate_accuracy([&net](const NDArray& X) { return net(X); }, data_iter,
                           device);
}

namespace {

// [train_loop]
// The loop shared by every train_ch3: `update()` applies the optimizer after
// each backward; `test_accuracy()` evaluates after each epoch.
TrainHistory train_loop(const NetFn& net, const DataLoader& train_iter,
                        const LossFn& loss, int num_epochs,
                        const std::function<void()>& update,
                        const std::function<double()>& test_accuracy, Device device) {
  TrainHistory history;
  for (int epoch = 1; epoch <= num_epochs; ++epoch) {
    Timer timer;
    Accumulator metric(3);  // loss sum, correct predictions, examples
    ProgressBar bar("epoch " + std::to_string(epoch), train_iter.size());
    const int64_t num_batches = static_cast<int64_t>(train_iter.size());
    const int64_t every = std::max<int64_t>(num_batches / 5, 1);  // 5 points an epoch
    int64_t done = 0;
    for (const auto& batch : train_iter) {
      auto X = batch.data.as_in_context(device);
      auto y = batch.label.as_in_context(device);
      const int64_t n = y.shape()[0];
      NDArray y_hat, l;
      {
        autograd::record recording;
        y_hat = net(X);
        l = loss(y_hat, y).sum();
      }
      l.backward();
      update();
      metric.add(l.asscalar(), accuracy(y_hat, y), n);
      bar.update(++done, static_cast<int64_t>(metric[2]), metric[0] / metric[2]);
      if (done % every == 0 || done == num_batches) {
        history.progress_epoch.push_back(epoch - 1 + double(done) / double(num_batches));
        history.progress_loss.push_back(metric[0] / metric[2]);
        history.progress_train_acc.push_back(metric[1] / metric[2]);
      }
    }
    const double train_secs = timer.elapsed();
    const double test_acc = test_accuracy();
    const double secs = timer.stop();
    bar.clear();
    const double examples = metric[2] > 0 ? metric[2] : 1;
    history.loss.push_back(metric[0] / examples);
    history.train_acc.push_back(metric[1] / examples);
    history.test_acc.push_back(test_acc);
    history.seconds.push_back(secs);
    history.examples_per_sec.push_back(train_secs > 0 ? metric[2] / train_secs : 0.0);
    char line[160];
    std::snprintf(line, sizeof line,
                  "epoch %d, loss %.4f, train acc %.3f, test acc %.3f, %.*f s, "
                  "%.0f examples/s",
                  epoch, history.loss.back(), history.train_acc.back(), test_acc,
                  /*precision=*/secs < 10 ? 2 : 1, secs, history.examples_per_sec.back());
    std::cout << line << std::endl;  // flushed: the page and the terminal stay in step
  }
  return history;
}
// [train_loop]

}  // namespace

// [train_ch3]
TrainHistory train_ch3(const NetFn& net, const DataLoader& train_iter,
                       const DataLoader& test_iter, const LossFn& loss, int num_epochs,
                       int64_t batch_size, const std::vector<NDArray>& params, float lr,
                       Device device) {
  // The book's rule: every step divides the summed gradient by batch_size,
  // also on the smaller last batch of an epoch (60000 = 234 * 256 + 96).
  return train_loop(
      net, train_iter, loss, num_epochs, [&] { sgd(params, lr, batch_size); },
      [&] { return evaluate_accuracy(net, test_iter, device); }, device);
}
// [train_ch3]

TrainHistory train_ch3(const NetFn& net, const DataLoader& train_iter,
                       const DataLoader& test_iter, const LossFn& loss, int num_epochs,
                       int64_t batch_size, gluon::Trainer& trainer, Device device) {
  return train_loop(
      net, train_iter, loss, num_epochs, [&] { trainer.step(batch_size); },
      [&] { return evaluate_accuracy(net, test_iter, device); }, device);
}

TrainHistory train_ch3(gluon::Block& net, const DataLoader& train_iter,
                       const DataLoader& test_iter, const LossFn& loss, int num_epochs,
                       int64_t batch_size, gluon::Trainer& trainer, Device device) {
  NetFn forward = [&net](const NDArray& X) { return net(X); };
  return train_loop(
      forward, train_iter, loss, num_epochs, [&] { trainer.step(batch_size); },
      [&] { return evaluate_accuracy(net, test_iter, device); }, device);
}

}  // namespace d2l::book
