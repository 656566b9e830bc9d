//! # Dropout
//!
//! Weight decay fights overfitting by keeping weights small. Dropout attacks it
//! from another side. While the network trains, every hidden unit is switched off
//! at random, independently for each example and each step, with some
//! probability $p$. No unit can then count on any particular other unit being
//! present, so the network cannot build fragile combinations of units that only
//! work together on the training examples; it has to spread what it knows. One
//! can also view training with dropout as training a huge family of thinned
//! networks that share their weights, and prediction as averaging them.
//!
//! So that the next layer sees inputs of the same size on average, the units that
//! survive are scaled up by $1/(1-p)$. A hidden activation $h$ becomes
//!
//! $$h' = \begin{cases} 0 & \text{with probability } p, \\
//!   \dfrac{h}{1-p} & \text{otherwise,} \end{cases}$$
//!
//! and its expected value is $(1-p) \cdot h/(1-p) = h$, unchanged. At prediction
//! time nothing is dropped: we want the full network's best answer, and thanks to
//! the scaling it needs no correction.
#include <algorithm>
#include <d2l/d2l.hpp>
#include <iostream>
#include <stdexcept>
#include <vector>

using namespace d2l;
namespace nn = gluon::nn;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv,
                         {.epochs = 5,
                          .batch_size = 256,
                          .lr = 0.5,
                          .quick = {.epochs = 2, .num_test = 2000}});

  //! ## Implementation from Scratch
  //!
  //! `dropout(X, drop_prob)` draws one uniform number in $[0, 1)$ per element;
  //! the element survives when its number is below the keep probability
  //! $1 - p$, which happens with exactly that probability. The comparison gives a
  //! mask of ones and zeros, and the survivors are divided by $1 - p$. Two cases
  //! are handled up front: with $p = 1$ every element is dropped (and we must not
  //! divide by zero), and outside training (`autograd::is_training()` is false
  //! outside a `record` scope) the input passes unchanged.
  //!
  //! We try it on a $2 \times 8$ array inside a `record` scope, so that training
  //! mode is on, with $p$ = 0, 0.5 and 1.
  chapter.section("Implementation from Scratch");
  auto dropout = [](const NDArray& X, float drop_prob) {
    if (drop_prob < 0 || drop_prob > 1) {
      throw d2l::Error("dropout: drop_prob must be in [0, 1]");
    }
    if (!autograd::is_training()) return X;
    if (drop_prob == 1) return nd::zeros_like(X);
    float keep_prob = 1 - drop_prob;
    auto mask = nd::random::uniform(0, 1, X.shape()) < keep_prob;
    return mask * X / keep_prob;
  };
  auto X = nd::arange(16).reshape({2, 8});
  NDArray d0, d5, d1;
  {
    autograd::record rec;
    d0 = dropout(X, 0);
    d5 = dropout(X, 0.5);
    d1 = dropout(X, 1);
  }
  std::cout << "p = 0:\n" << d0 << "\np = 0.5:\n" << d5 << "\np = 1:\n" << d1 << "\n";
  chapter.result("demo_X", X);
  chapter.result("demo_p0", d0);
  chapter.result("demo_p05", d5);
  chapter.result("demo_p1", d1);

  //! ## Checking the Scaling
  //!
  //! On a large array of ones, about half the elements survive $p = 0.5$, each
  //! as a 2, so the mean stays near 1. Outside a `record` scope the array comes
  //! back untouched.
  chapter.section("Checking the Scaling");
  auto ones = nd::ones({100000});
  NDArray dropped;
  {
    autograd::record rec;
    dropped = dropout(ones, 0.5);
  }
  double kept = (dropped > 0.0f).mean().asscalar();
  double mean = dropped.mean().asscalar();
  double predict_mean = dropout(ones, 0.5).mean().asscalar();
  std::cout << "training:   fraction kept " << kept << ", mean " << mean
            << "\nprediction: mean " << predict_mean << "\n";
  chapter.result("ones_fraction_kept", kept);
  chapter.result("ones_mean_training", mean);
  chapter.result("ones_mean_prediction", predict_mean);

  //! ## Defining the Model Parameters
  //!
  //! We use a deeper network than before, with two hidden layers of 256 units
  //! each, so there is more room to overfit: $784 \to 256 \to 256 \to 10$.
  chapter.section("Defining the Model Parameters");
  const int64_t num_inputs = 784, num_outputs = 10, num_hiddens1 = 256,
                num_hiddens2 = 256;
  auto W1 = nd::random::normal(0, 0.01, {num_inputs, num_hiddens1});
  auto b1 = nd::zeros({num_hiddens1});
  auto W2 = nd::random::normal(0, 0.01, {num_hiddens1, num_hiddens2});
  auto b2 = nd::zeros({num_hiddens2});
  auto W3 = nd::random::normal(0, 0.01, {num_hiddens2, num_outputs});
  auto b3 = nd::zeros({num_outputs});
  std::vector<NDArray> params{W1, b1, W2, b2, W3, b3};
  int64_t count = 0;
  for (auto& p : params) {
    p.attach_grad();
    count += p.size();
  }
  std::cout << count << " parameters\n";
  chapter.result("num_params", static_cast<double>(count));

  //! ## Defining the Model
  //!
  //! Dropout goes after each hidden layer's activation. A common rule is to drop
  //! less near the input, where each unit carries raw information, and more
  //! deeper inside: 0.2 after the first hidden layer, 0.5 after the second. No
  //! dropout is applied to the output. Because `dropout` asks
  //! `autograd::is_training()` itself, the model needs no mode flag: the training
  //! loop records (training mode), evaluation does not (prediction mode).
  chapter.section("Defining the Model");
  const float drop_prob1 = 0.2f, drop_prob2 = 0.5f;
  auto net = [=](const NDArray& X) {
    auto H1 = nd::relu(nd::dot(X.reshape({-1, num_inputs}), W1) + b1);
    H1 = dropout(H1, drop_prob1);  // after the first hidden layer
    auto H2 = nd::relu(nd::dot(H1, W2) + b2);
    H2 = dropout(H2, drop_prob2);  // after the second hidden layer
    return nd::dot(H2, W3) + b3;
  };
  std::cout << "dropout " << drop_prob1 << " after hidden layer 1, " << drop_prob2
            << " after hidden layer 2\n";

  //! ## Training and Testing
  //!
  //! Training is as for the multilayer perceptron: batches of 256, learning rate
  //! 0.5, five epochs. Note that the training accuracy is measured on the thinned
  //! networks, with dropout on, and the test accuracy on the full one. With seeds
  //! 0 to 4 the test accuracy ends between 0.841 and 0.860, for the MXNet
  //! edition's code in MXNet 1.9.1 (seeds 0 to 3) between 0.842 and 0.860.
  chapter.section("Training and Testing");
  const int epochs = chapter.epochs();
  int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, /*resize=*/0, chapter.num_train(), chapter.num_test());
  gluon::loss::SoftmaxCrossEntropyLoss loss;
  auto history = book::train_ch3(net, train_iter, test_iter, loss, epochs, batch_size,
                                 params, chapter.lr());
  book::show_history(chapter, history, "dropout from scratch",
                     "Dropout from scratch: loss and accuracies", "scratch_");

  //! ## Concise Implementation
  //!
  //! In Gluon, dropout is a layer, `nn::Dropout(rate)`, placed after the layer
  //! whose outputs it drops. Like our function, it acts only in training mode.
  //! The Gluon overload of `train_ch3` evaluates the test set outside `record`,
  //! so no unit is dropped there. This version ends between 0.846 and 0.854 with
  //! seeds 0 to 4; MXNet 1.9.1 with the book's Gluon code, between 0.844 and 0.856.
  chapter.section("Concise Implementation");
  nn::Sequential gnet;
  gnet.add(nn::Dense(256, "relu"))
      .add(nn::Dropout(drop_prob1))
      .add(nn::Dense(256, "relu"))
      .add(nn::Dropout(drop_prob2))
      .add(nn::Dense(10));
  gnet.initialize(gluon::init::Normal(0.01));
  std::cout << gnet << "\n";
  gluon::Trainer trainer(gnet.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto ghistory =
      book::train_ch3(gnet, train_iter, test_iter, loss, epochs, batch_size, trainer);
  book::show_history(chapter, ghistory, "dropout with Gluon",
                     "nn::Dropout: loss and accuracies", "gluon_");

  //! The two versions side by side, epoch by epoch:
  book::compare_histories(chapter, {{"scratch", history}, {"nn::Dropout", ghistory}},
                          "The two implementations of dropout, epoch by epoch");

  //! ## Exercises
  //!
  //! 1. Swap the two rates, 0.5 after the first hidden layer and 0.2 after the
  //!    second. What happens to the accuracies? Try a few more pairs.
  //! 2. Train with and without dropout for more epochs, say 20, and plot the
  //!    training and test accuracy of both. When does dropout start to help?
  //! 3. Apply dropout at prediction time too (call the scratch `net` inside a
  //!    `record` scope) and evaluate several times. How much does the accuracy
  //!    vary from one evaluation to the next, and is it lower on average?
  //! 4. Another way to keep the expected value is to leave the survivors as they
  //!    are while training and multiply every activation by $1 - p$ at prediction
  //!    time. Show that both give the same expected output. Why do libraries
  //!    prefer to scale while training?
  //! 5. Combine dropout with weight decay (the Trainer's `wd`). Do their effects
  //!    add up?
}
