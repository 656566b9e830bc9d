//! # The Image Classification Data Set (Fashion-MNIST)
//!
//! Linear regression predicted a number. Most of the rest of this book predicts a
//! *class*: which of several kinds of thing an input is. To try classifiers we
//! need a data set that is small enough to train on in minutes, yet not so easy
//! that every method scores the same.
//!
//! Fashion-MNIST fits. It holds 70000 grayscale pictures of clothing, each
//! $28 \times 28$ pixels, in 10 classes such as "sneaker" and "coat". It was made
//! as a harder replacement for MNIST, the handwritten digits, on which even
//! simple models now reach 99% accuracy. This section loads it, looks at a few
//! pictures, and measures how fast we can read it, since reading data must never
//! be what slows training down.
//!
//! The files come with Debian's package `dataset-fashion-mnist`; the loader also
//! looks in `$D2L_DATA` and `data/`, and when it finds nothing it says where to
//! get the files.
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

using namespace d2l;
namespace vision = gluon::data::vision;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {.batch_size = 256, .quick = {.num_train = 10000}});

  //! ## Getting the Data Set
  //!
  //! `vision::FashionMNIST` reads one of the two parts: `true` gives the training
  //! set, `false` the test set. The test set is kept apart from training, so that
  //! its accuracy tells us how well a model does on pictures it has never seen.
  //! The images stay in memory as bytes, one per pixel (47 MB for the training
  //! set), and become floats only batch by batch.
  chapter.section("Getting the Data Set");
  vision::FashionMNIST mnist_train(/*train=*/true);
  vision::FashionMNIST mnist_test(/*train=*/false);
  std::cout << "read from " << mnist_train.folder() << "\n";
  std::cout << "training examples: " << mnist_train.size()
            << ", test examples: " << mnist_test.size() << "\n";
  chapter.result("train_size", static_cast<double>(mnist_train.size()));
  chapter.result("test_size", static_cast<double>(mnist_test.size()));

  //! ## One Example
  //!
  //! `mnist_train[0]` is the first example: an image and its label. The image has
  //! the shape (height, width, channels) $= (28, 28, 1)$; grayscale pictures have a
  //! single channel. Pixels are intensities from 0 (black) to 255 (white), stored
  //! as floats. The label is a number from 0 to 9, also a float, as every element
  //! of an `NDArray` is.
  chapter.section("One Example");
  auto [feature, label] = mnist_train[0];
  std::cout << "image shape: " << shape_str(feature.shape())
            << ", smallest pixel: " << feature.min().asscalar()
            << ", largest pixel: " << feature.max().asscalar()
            << "\nlabel: " << label.asscalar() << "\n";
  chapter.result("example_shape",
                 std::vector<double>(feature.shape().begin(), feature.shape().end()));
  chapter.result("first_label", label.asscalar());

  //! ## The Classes
  //!
  //! Labels are numbers; `get_fashion_mnist_labels` turns them into the names of
  //! the ten classes. The classes have exactly 6000 training and 1000 test
  //! examples each, so a classifier that guesses at random is right 10% of the
  //! time. That is the baseline to beat.
  chapter.section("The Classes");
  auto names = book::get_fashion_mnist_labels(nd::arange(10));
  for (size_t i = 0; i < names.size(); ++i) {
    std::cout << i << ": " << names[i] << "\n";
  }
  chapter.result("num_classes", static_cast<double>(names.size()));
  chapter.result("first_label_name", book::get_fashion_mnist_labels(label)[0]);

  //! ## Looking at the Images
  //!
  //! Numbers say little about pictures, so we look at the first 18 training
  //! images with their labels. `gather` takes several examples at once and stacks
  //! them along a new first axis, giving $18 \times 28 \times 28 \times 1$;
  //! `show_images` lays them out in 2 rows of 9 and writes an SVG file. At this
  //! resolution some classes, such as shirts and pullovers, are hard to tell
  //! apart even for us; expect a classifier to confuse them too.
  chapter.section("Looking at the Images");
  std::vector<int64_t> first18(18);
  for (int64_t i = 0; i < 18; ++i) first18[i] = i;
  auto batch = mnist_train.gather(first18);
  auto titles = book::get_fashion_mnist_labels(batch.label);
  book::show_images(chapter.path("examples.svg"), batch.data, /*num_rows=*/2,
                    /*num_cols=*/9, titles);
  chapter.figure("examples.svg", "The first 18 training images and their labels.");
  std::cout << "images: " << shape_str(batch.data.shape()) << "\n";
  for (size_t i = 0; i < titles.size(); ++i) {
    std::cout << titles[i] << (i + 1 == titles.size() ? "\n" : ", ");
  }

  //! ## Reading Minibatches
  //!
  //! For training we want batches in the layout that layers expect and values in
  //! a small range. The transform `ToTensor` does both: it moves the channel axis
  //! first, $(N, 28, 28, 1) \to (N, 1, 28, 28)$, and divides by 255 so that pixels
  //! lie in $[0, 1]$. Inputs of order 1 keep the first products of a model of
  //! order 1 as well, which makes a learning rate easier to choose.
  //!
  //! `load_data_fashion_mnist(batch_size)` builds the two DataLoaders the next
  //! sections use: the training loader shuffles every epoch, the test loader
  //! keeps the order. The transform runs on each batch as it is made, while a
  //! background thread prepares the next batch. We time one pass over the
  //! training set with a `Timer`: if reading took as long as training, a faster
  //! model would not help.
  chapter.section("Reading Minibatches");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] =
      book::load_data_fashion_mnist(batch_size, /*resize=*/0, chapter.num_train());
  for (const auto& [X, y] : train_iter) {
    std::cout << "X: " << shape_str(X.shape()) << ", values in [" << X.min().asscalar()
              << ", " << X.max().asscalar() << "], y: " << shape_str(y.shape()) << "\n";
    chapter.result("batch_shape",
                   std::vector<double>(X.shape().begin(), X.shape().end()));
    chapter.result("batch_max", X.max().asscalar());
    break;
  }
  book::Timer timer;
  int64_t examples = 0, batches = 0;
  for (const auto& [X, y] : train_iter) {
    examples += y.shape()[0];
    ++batches;
  }
  double seconds = timer.stop();
  std::cout << "read " << examples << " examples in " << batches
            << " batches: " << std::fixed << std::setprecision(2) << seconds << " s\n";
  chapter.result("epoch_examples", static_cast<double>(examples));
  chapter.result("epoch_batches", static_cast<double>(batches));
  chapter.result("epoch_seconds", seconds);

  //! ## Exercises
  //!
  //! 1. Time one epoch with batch sizes 1, 16, 256 and 4096 (`--batch-size`). How
  //!    does the time depend on the batch size, and why does a batch size of 1
  //!    take so much longer for the same number of examples?
  //! 2. Build a DataLoader over `mnist_train` yourself with `.num_workers = 0`, so
  //!    that batches are made on the calling thread. Does the time of a pass
  //!    change when the loop body does nothing? What if the body does real work?
  //! 3. Count the labels of the training set with `mnist_train.labels()` and
  //!    check that every class has 6000 examples.
  //! 4. Show 18 images of one class only, say sandals. How much do examples of
  //!    one class differ from each other?
}
