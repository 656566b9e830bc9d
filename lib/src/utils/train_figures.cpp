// What a training run leaves behind: its numbers in results.json, its curves,
// and test images with predictions.
#include <algorithm>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "d2l/error.hpp"
#include "d2l/ops.hpp"
#include "d2l/utils/fashion_mnist.hpp"
#include "d2l/utils/images.hpp"
#include "d2l/utils/plot.hpp"
#include "d2l/utils/train.hpp"

namespace d2l::book {

void record_history(Chapter& chapter, const TrainHistory& history,
                    const std::string& prefix) {
  if (history.epochs() == 0) return;
  chapter.result(prefix + "loss", history.loss);
  chapter.result(prefix + "train_acc", history.train_acc);
  chapter.result(prefix + "test_acc", history.test_acc);
  chapter.result(prefix + "epoch_seconds", history.seconds);
  chapter.result(prefix + "examples_per_sec", history.examples_per_sec);
  chapter.result(prefix + "progress_epoch", history.progress_epoch);
  chapter.result(prefix + "progress_loss", history.progress_loss);
  chapter.result(prefix + "final_loss", history.loss.back());
  chapter.result(prefix + "final_train_acc", history.train_acc.back());
  chapter.result(prefix + "final_test_acc", history.test_acc.back());
}

void show_history(Chapter& chapter, const TrainHistory& history, const std::string& title,
                  const std::string& caption, const std::string& prefix) {
  const std::string file = prefix + "history.svg";
  plot_history(chapter.path(file), history, title);
  chapter.figure(file, caption);
  record_history(chapter, history, prefix);
}

void compare_histories(Chapter& chapter,
                       const std::vector<std::pair<std::string, TrainHistory>>& runs,
                       const std::string& caption) {
  auto fixed = [](double v, int digits) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
  };
  std::vector<std::string> header{"epoch"};
  int epochs = 0;
  for (const auto& [name, h] : runs) {
    header.push_back("loss, " + name);
    header.push_back("test acc, " + name);
    epochs = std::max(epochs, h.epochs());
  }
  std::vector<std::vector<std::string>> rows;
  for (int e = 0; e < epochs; ++e) {
    std::vector<std::string> row{std::to_string(e + 1)};
    for (const auto& [name, h] : runs) {
      const bool has = e < h.epochs();  // a shorter run leaves its cells empty
      row.push_back(has ? fixed(h.loss[e], 4) : "");
      row.push_back(has ? fixed(h.test_acc[e], 3) : "");
    }
    rows.push_back(std::move(row));
  }
  chapter.table(header, rows, caption);
}

void plot_history(const std::string& path, const TrainHistory& history,
                  const std::string& title) {
  std::vector<double> epochs;
  for (int e = 1; e <= history.epochs(); ++e) epochs.push_back(e);
  Figure fig({.title = title, .xlabel = "epoch"});
  if (!history.progress_epoch.empty()) {  // the points within the epochs
    fig.line(history.progress_epoch, history.progress_loss, "train loss");
    fig.line(history.progress_epoch, history.progress_train_acc, "train acc", "--");
    // Measured once an epoch: dots when there are too few for a line to show.
    fig.line(epochs, history.test_acc, "test acc", history.epochs() <= 3 ? "o" : ":");
    fig.set_xlim(0, history.epochs());
  } else {
    fig.line(epochs, history.loss, "train loss");
    fig.line(epochs, history.train_acc, "train acc", "--");
    fig.line(epochs, history.test_acc, "test acc", ":");
    if (history.epochs() == 1) fig.set_xlim(0.5, 1.5);  // one point needs some room
  }
  fig.save(path);
}

int predict_ch3(const std::string& path, const NetFn& net,
                const gluon::data::DataLoader& test_iter, int n, Device device) {
  auto it = test_iter.begin();
  if (it == test_iter.end()) throw d2l::Error("predict_ch3: no test data");
  auto batch = *it;
  const int64_t count = std::min<int64_t>(n, batch.label.shape()[0]);
  auto X = nd::slice_axis(batch.data, 0, 0, count);
  auto y = nd::slice_axis(batch.label, 0, 0, count);
  auto predicted = nd::argmax(net(X.as_in_context(device)), /*axis=*/1);
  auto truth = get_fashion_mnist_labels(y);
  auto guess = get_fashion_mnist_labels(predicted);
  std::vector<std::string> titles;
  int right = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    titles.push_back(truth[i] + "\n" + guess[i]);
    right += truth[i] == guess[i];
  }
  show_images(path, X, /*num_rows=*/1, static_cast<int>(count), titles);
  return right;
}

}  // namespace d2l::book
