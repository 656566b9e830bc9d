//! # Concise Implementation of Multilayer Perceptrons
//!
//! The same 784-256-10 network again, this time built from Gluon's layers. The
//! hand-written matrices, the ReLU and the update step of the previous section
//! turn into three library objects: a `Sequential` of two `Dense` layers and a
//! `Trainer`. The result should be the same network and, up to the luck of the
//! random start, the same accuracy.
#include <algorithm>
#include <d2l/d2l.hpp>
#include <iostream>

using namespace d2l;
namespace nn = gluon::nn;
namespace init = gluon::init;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv,
                         {.epochs = 5,
                          .batch_size = 256,
                          .lr = 0.5,
                          .quick = {.epochs = 2, .num_test = 2000}});

  //! ## The Model
  //!
  //! `Dense(256, "relu")` is a fully connected layer followed by ReLU, and
  //! `Dense(10)` produces the ten logits. Neither is told its input size: the
  //! library infers 784 at the first forward pass, from the data (deferred
  //! initialization), and that is why the first printout shows `None` in place
  //! of the input size. A `Dense` layer flattens its input, so the images need no
  //! reshaping. Weights start as $\mathcal{N}(0, 0.01^2)$ samples, biases at 0.
  chapter.section("The Model");
  nn::Sequential net;
  net.add(nn::Dense(256, "relu")).add(nn::Dense(10));
  net.initialize(init::Normal(0.01));
  std::cout << net << "\n";

  //! ## Reading the Data
  //!
  //! The same loaders as before. After one batch has gone through the network,
  //! the printout shows every shape.
  chapter.section("Reading the Data");
  const int epochs = chapter.epochs();
  int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, /*resize=*/0, chapter.num_train(), chapter.num_test());
  auto X0 = (*train_iter.begin()).data;
  std::cout << "a batch " << shape_str(X0.shape()) << " gives logits "
            << shape_str(net(X0).shape()) << "\n"
            << net << "\n";
  int64_t count = 0;
  for (const auto& p : net.collect_params()) count += p.data().size();
  std::cout << count << " parameters\n";
  chapter.result("num_params", static_cast<double>(count));

  //! ## Training
  //!
  //! The `Trainer` applies minibatch SGD with learning rate 0.5 to every
  //! parameter of the network; `train_ch3` calls its `step(batch_size)` after
  //! each backward pass. The Gluon overload of `train_ch3` evaluates the test set
  //! in prediction mode, which matters only once a network contains layers such as
  //! dropout that behave differently while training. With seeds 0 to 4 the test
  //! accuracy ends between 0.859 and 0.861; MXNet 1.9.1, running the MXNet
  //! edition's code on the same machine with seeds 0 to 3, ends between 0.851 and
  //! 0.862 (the book's printed 0.87 is one lucky run above that range).
  chapter.section("Training");
  gluon::loss::SoftmaxCrossEntropyLoss loss;
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = float(chapter.lr())});
  auto history =
      book::train_ch3(net, train_iter, test_iter, loss, epochs, batch_size, trainer);
  book::show_history(chapter, history, "MLP with Gluon",
                     "Training loss, training accuracy and test accuracy");

  //! ## Exercises
  //!
  //! 1. Add one more hidden layer, `Dense(256, "relu")`, and compare the accuracy
  //!    after 5 epochs. Does a second layer help on this data set?
  //! 2. Try the activations `"sigmoid"` and `"tanh"` in place of `"relu"`. Which
  //!    trains fastest in the first epoch?
  //! 3. Initialize with `init::Uniform(0.07)` (the library's default) and with
  //!    `init::Xavier()`. Do the results change?
  //! 4. Print `net[0].weight().data()` before the first forward pass
  //!    and read the error message. Then give the first layer `.in_units = 784`
  //!    with `nn::Dense({.units = 256, .activation = "relu", .in_units = 784})`
  //!    and print it again.
}
