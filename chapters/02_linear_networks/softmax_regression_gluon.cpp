//! # Concise Implementation of Softmax Regression
//!
//! As with linear regression, the library's Gluon pieces shorten softmax
//! regression to a few lines: one Dense layer, one loss, one Trainer. The loss is
//! more than a shortcut, though. It computes softmax and cross-entropy together
//! in a way that stays accurate where our hand-written pair breaks down, and this
//! section shows why, with numbers.
#include <cmath>
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(
      argc, argv, {.epochs = 5, .batch_size = 256, .lr = 0.1, .quick = {.epochs = 2}});

  //! ## Reading the Data
  //!
  //! The same loaders as before: batches of 256 Fashion-MNIST images.
  chapter.section("Reading the Data");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] =
      book::load_data_fashion_mnist(batch_size, /*resize=*/0, chapter.num_train());
  std::cout << "training batches: " << train_iter.size()
            << ", test batches: " << test_iter.size() << "\n";

  //! ## Defining the Model
  //!
  //! The model is one fully connected layer with 10 outputs, the logits of the ten
  //! classes. We do not flatten the images ourselves: a Dense layer reads any
  //! input $(n, d_1, d_2, \ldots)$ as $(n, d_1 d_2 \cdots)$, so a batch
  //! $(n, 1, 28, 28)$ becomes $(n, 784)$ inside the layer. The weights start as
  //! $\mathcal{N}(0, 0.01^2)$ and the biases at 0, as in the previous section.
  //!
  //! There is no softmax in the network. It outputs the raw scores, and the loss
  //! applies the softmax itself, for the reason explained next. To predict a class
  //! we need no softmax either: the largest score has the largest probability.
  chapter.section("Defining the Model");
  nn::Sequential net;
  net.add(nn::Dense(10));
  net.initialize(init::Normal(0.01f));
  for (const auto& [X, y] : test_iter) {
    std::cout << "input " << shape_str(X.shape()) << " -> output "
              << shape_str(net(X).shape()) << "\n";
    break;
  }
  std::cout << net << "\n";

  //! ## Softmax and Cross-Entropy, Stably
  //!
  //! Our hand-written loss first computed $\hat{y}_j = \exp(o_j) / \sum_k
  //! \exp(o_k)$ and then $-\log \hat{y}_y$. In `float` arithmetic, both steps can
  //! fail:
  //!
  //! * *Overflow.* $\exp(o)$ exceeds the largest `float` (about $3.4 \times
  //!   10^{38}$) once $o > 88.7$ and becomes `inf`. Then $\hat{y}_j =
  //!   \infty / \infty$, which is `nan`, and the `nan` spreads through every
  //!   gradient and ruins the parameters.
  //! * *Underflow.* A very negative score gives $\exp(o) = 0$ exactly. If that is
  //!   the true class, the loss is $-\log 0 = \infty$, although the true value is
  //!   large but finite.
  //!
  //! Both go away if we never form the probabilities. Take the logarithm of the
  //! softmax directly, and subtract the largest score $m = \max_k o_k$ from every
  //! score first, which does not change the result because the factor $e^{-m}$
  //! cancels between numerator and denominator:
  //!
  //! $$\log \hat{y}_j = o_j - \log \sum_k \exp(o_k)
  //!   = (o_j - m) - \log \sum_k \exp(o_k - m).$$
  //!
  //! Now every exponent is at most 0, so nothing overflows, and one of them is
  //! exactly 0, so the sum is at least 1 and its logarithm is finite and
  //! non-negative. Terms that underflow to 0 are harmless: they are added to
  //! something at least 1. The second form is the *log-sum-exp* trick. The loss
  //! is then $\ell = -\log \hat{y}_y$, read off without ever taking the logarithm
  //! of a tiny number. Its gradient with respect to the scores is simply
  //! $\mathrm{softmax}(\mathbf{o}) - \mathrm{onehot}(y)$.
  //!
  //! `gluon::loss::SoftmaxCrossEntropyLoss` computes exactly this, as one fused
  //! operation. We compare it with the naive pair on two examples with extreme
  //! scores, both of true class 0: scores $(1000, 0)$, where the model is
  //! confidently right (the loss should be about 0), and $(-1000, 0)$, where it
  //! is confidently wrong (the loss should be about 1000).
  chapter.section("Softmax and Cross-Entropy, Stably");
  NDArray logits{{1000, 0}, {-1000, 0}};
  NDArray labels{0, 0};
  auto naive_prob = nd::exp(logits) / nd::exp(logits).sum({1}, /*keepdims=*/true);
  auto naive_loss = -nd::log(nd::pick(naive_prob, labels));
  gluon::loss::SoftmaxCrossEntropyLoss loss;
  auto stable_loss = loss(logits, labels);
  std::cout << "naive probabilities:\n" << naive_prob << "\n";
  std::cout << "naive loss:  " << naive_loss << "\n";
  std::cout << "stable loss: " << stable_loss << "\n";
  std::cout << "log_softmax:\n" << nd::log_softmax(logits) << "\n";
  // JSON has no nan or inf, so the tests get what kind of number each one is.
  std::vector<double> naive_nan, naive_inf;
  for (float v : naive_loss.to_vector()) {
    naive_nan.push_back(std::isnan(v) ? 1 : 0);
    naive_inf.push_back(std::isinf(v) ? 1 : 0);
  }
  chapter.result("naive_loss_is_nan", naive_nan);
  chapter.result("naive_loss_is_inf", naive_inf);
  chapter.result("stable_loss", stable_loss);

  //! ## The Optimizer
  //!
  //! Minibatch SGD with a learning rate of 0.1 over all of the network's
  //! parameters, as in the scratch version.
  chapter.section("The Optimizer");
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  std::cout << "parameters: ";
  for (const auto& name : net.collect_params().keys()) std::cout << name << " ";
  std::cout << "\n";

  //! ## Training
  //!
  //! `train_ch3` takes the network, the loss and the Trainer. It measures the test
  //! accuracy with the network in prediction mode. The numbers should match the
  //! scratch version: a test accuracy near 0.83 after five epochs. MXNet 1.9.1,
  //! running the MXNet edition's Gluon code with seeds 0 to 3 on the same machine,
  //! ends between 0.826 and 0.829; this program ends between 0.823 and 0.829 with
  //! seeds 0 to 4.
  chapter.section("Training");
  auto history = book::train_ch3(net, train_iter, test_iter, loss, chapter.epochs(),
                                 batch_size, trainer);
  book::show_history(chapter, history, "softmax regression (Gluon)",
                     "Training loss, training and test accuracy per epoch.");

  //! ## Exercises
  //!
  //! 1. Add a softmax to the network's output and keep `SoftmaxCrossEntropyLoss`.
  //!    The loss now applies softmax twice. Does training still work, and how do
  //!    the loss and accuracy compare?
  //! 2. Compute `nd::log_softmax` of `NDArray{{1000, 1001, 1002}}` by hand with
  //!    the log-sum-exp trick and compare with the library.
  //! 3. Show that the gradient of the loss with respect to the scores is
  //!    $\mathrm{softmax}(\mathbf{o}) - \mathrm{onehot}(y)$, and check it with
  //!    autograd on one example.
  //! 4. Train for more epochs with a larger learning rate, such as 0.5. Does the
  //!    test accuracy go above 0.85? Why might a linear model stop improving?
}
