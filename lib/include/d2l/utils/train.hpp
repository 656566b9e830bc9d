#pragma once
/// @file train.hpp
/// Accuracy, evaluation and the training loop of chapter 3 (the book's
/// accuracy, evaluate_accuracy and train_ch3).

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "d2l/chapter.hpp"
#include "d2l/data.hpp"
#include "d2l/device.hpp"
#include "d2l/gluon/block.hpp"
#include "d2l/gluon/trainer.hpp"
#include "d2l/ndarray.hpp"

namespace d2l::book {

/// A network as a function: a batch of inputs -> a batch of outputs.
using NetFn = std::function<NDArray(const NDArray&)>;
/// A loss: (predictions, labels) -> one loss per example, shape `(batch,)`.
/// Gluon losses (`gluon::loss::SoftmaxCrossEntropyLoss()`) convert to it.
using LossFn = std::function<NDArray(const NDArray&, const NDArray&)>;

/// How many predictions are right: rows of `y_hat` `(n, classes)` whose argmax
/// equals the label in `y` `(n,)`.
double accuracy(const NDArray& y_hat, const NDArray& y);

/// The fraction of examples in `data_iter` that `net` classifies correctly.
/// Batches are moved to `device` first.
double evaluate_accuracy(const NetFn& net, const gluon::data::DataLoader& data_iter,
                         Device device = cpu());
/// The same for a Gluon network, run in prediction mode (no dropout).
double evaluate_accuracy(gluon::Block& net, const gluon::data::DataLoader& data_iter,
                         Device device = cpu());

/// What train_ch3 measured, one entry per epoch.
struct TrainHistory {
  std::vector<double> loss;              ///< mean training loss over the epoch
  std::vector<double> train_acc;         ///< accuracy on the training batches seen
  std::vector<double> test_acc;          ///< evaluate_accuracy on the test set
  std::vector<double> seconds;           ///< time of the epoch (training + testing)
  std::vector<double> examples_per_sec;  ///< training throughput
  ///@{
  /// Points within the epochs, about five per epoch (as the book's Animator
  /// draws them): the fractional epoch reached, and the mean loss and
  /// accuracy of that epoch's batches so far. A run of one or two epochs
  /// still draws a curve.
  std::vector<double> progress_epoch, progress_loss, progress_train_acc;
  ///@}
  /// The number of epochs recorded.
  int epochs() const { return static_cast<int>(loss.size()); }
};

/// Trains a classifier for `num_epochs` and evaluates it after each epoch,
/// printing to std::cout per epoch
///
///     epoch 3, loss 0.512, train acc 0.829, test acc 0.817, 4.1 s, 61234 examples/s
///
/// with a live progress line on the terminal while an epoch runs (see
/// ProgressBar). Each batch: the loss of `loss(net(X), y)` summed over the
/// batch, backward, then an update. This overload updates `params` with the
/// scratch `sgd(params, lr, batch_size)`. As in the book, every step divides by
/// `batch_size`, the smaller last batch of an epoch included, so that batch
/// moves the weights proportionally less (its share of the examples).
TrainHistory train_ch3(const NetFn& net, const gluon::data::DataLoader& train_iter,
                       const gluon::data::DataLoader& test_iter, const LossFn& loss,
                       int num_epochs, int64_t batch_size,
                       const std::vector<NDArray>& params, float lr,
                       Device device = cpu());
/// The same with a Gluon Trainer: `trainer.step(batch_size)` after each backward.
TrainHistory train_ch3(const NetFn& net, const gluon::data::DataLoader& train_iter,
                       const gluon::data::DataLoader& test_iter, const LossFn& loss,
                       int num_epochs, int64_t batch_size, gluon::Trainer& trainer,
                       Device device = cpu());
/// A Gluon network with a Trainer (evaluated in prediction mode).
TrainHistory train_ch3(gluon::Block& net, const gluon::data::DataLoader& train_iter,
                       const gluon::data::DataLoader& test_iter, const LossFn& loss,
                       int num_epochs, int64_t batch_size, gluon::Trainer& trainer,
                       Device device = cpu());

/// Records a history in the chapter's results.json: the per-epoch lists
/// `<prefix>loss`, `train_acc`, `test_acc`, `epoch_seconds`,
/// `examples_per_sec`, and the last epoch's `<prefix>final_loss`,
/// `final_train_acc` and `final_test_acc`.
void record_history(Chapter& chapter, const TrainHistory& history,
                    const std::string& prefix = "");

/// What a section shows of a training run: plot_history() into
/// `<prefix>history.svg` in the chapter's folder, registered as a figure of
/// the current section with `caption`, and record_history() with `prefix`.
void show_history(Chapter& chapter, const TrainHistory& history, const std::string& title,
                  const std::string& caption, const std::string& prefix = "");

/// Several training runs side by side, one row per epoch: each run's training
/// loss and test accuracy, under its name. For a page that compares runs (two
/// activations, a layer of our own and the library's), as a table of the
/// current section: `compare_histories(chapter, {{"sigmoid", h1}, {"ReLU", h2}},
/// "Test accuracy per epoch")`.
void compare_histories(Chapter& chapter,
                       const std::vector<std::pair<std::string, TrainHistory>>& runs,
                       const std::string& caption);

/// The curves of a history as an SVG file: training loss, training accuracy
/// and test accuracy against the epoch, on one chart.
void plot_history(const std::string& path, const TrainHistory& history,
                  const std::string& title = "");

/// The first `n` images of the test set with their true and predicted labels
/// (`"sneaker\nsandal"`-style two-line titles), as an SVG grid: the book's
/// `predict_ch3`. Returns how many of the n were right.
int predict_ch3(const std::string& path, const NetFn& net,
                const gluon::data::DataLoader& test_iter, int n = 10,
                Device device = cpu());

}  // namespace d2l::book
