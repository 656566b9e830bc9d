//! # Softmax Regression from Scratch
//!
//! Linear regression gave one number per input. To classify an image into one
//! of $q = 10$ classes we want ten numbers instead, one score per class, and we
//! want to read them as probabilities. Softmax regression does this in two steps.
//! First an affine map gives the scores, or *logits*,
//! $\mathbf{o} = \mathbf{x}\mathbf{W} + \mathbf{b}$, with one column of weights
//! per class. Then the softmax function turns the scores into a probability
//! distribution over the classes:
//!
//! $$\hat{y}_j = \mathrm{softmax}(\mathbf{o})_j
//!   = \frac{\exp(o_j)}{\sum_{k=1}^{q} \exp(o_k)}.$$
//!
//! The exponential makes every entry positive, and dividing by the sum makes the
//! entries add up to 1. A larger score still means a larger probability, so the
//! predicted class is simply the one with the largest score.
//!
//! This section builds the whole classifier by hand: the softmax, the loss, the
//! accuracy, and the training loop's inputs. It trains on Fashion-MNIST, which the
//! previous section introduced.
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
  //! Batches of 256 images, each $1 \times 28 \times 28$ with pixels in
  //! $[0, 1]$, from the loaders of the previous section.
  chapter.section("Reading the Data");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] =
      book::load_data_fashion_mnist(batch_size, /*resize=*/0, chapter.num_train());
  std::cout << "training batches: " << train_iter.size()
            << ", test batches: " << test_iter.size() << "\n";

  //! ## Initializing the Model Parameters
  //!
  //! Softmax regression ignores where a pixel sits in the image: it flattens each
  //! $28 \times 28$ image into a vector of $784$ inputs. With 10 classes the
  //! weights form a $784 \times 10$ matrix $\mathbf{W}$ and the bias a vector
  //! $\mathbf{b}$ of 10. As in linear regression, the weights start as small
  //! random numbers, $\mathcal{N}(0, 0.01^2)$, and the biases at zero; both get
  //! a gradient buffer.
  chapter.section("Initializing the Model Parameters");
  const int64_t num_inputs = 784, num_outputs = 10;
  auto W = nd::random::normal(0, 0.01f, {num_inputs, num_outputs});
  auto b = nd::zeros({num_outputs});
  W.attach_grad();
  b.attach_grad();
  std::cout << "W: " << shape_str(W.shape()) << ", b: " << shape_str(b.shape()) << "\n";

  //! ## Sums along an Axis
  //!
  //! The softmax normalizes each row of a batch separately, so we need a sum per
  //! row. `sum({1}, /*keepdims=*/true)` adds along axis 1 (across the columns) and
  //! keeps that axis with length 1. For a $2 \times 3$ matrix the row sums then
  //! have shape $2 \times 1$ instead of $2$, and that column broadcasts against
  //! the matrix when we divide: every entry of a row is divided by that row's sum.
  chapter.section("Sums along an Axis");
  NDArray M{{1, 2, 3}, {4, 5, 6}};
  std::cout << "sum over axis 0:\n"
            << M.sum({0}, /*keepdims=*/true) << "\nsum over axis 1:\n"
            << M.sum({1}, /*keepdims=*/true) << "\n";

  //! ## Defining the Softmax
  //!
  //! Now the softmax is three operations: exponentiate every entry, sum each row,
  //! divide each row by its sum. We try it on a random $2 \times 5$ batch: every
  //! result is positive and each row adds up to 1.
  //!
  //! This direct version has a flaw. `exp` overflows a `float` for scores above
  //! about 88, and then the division gives `nan`. Our scores stay small here, but
  //! the library's version first subtracts each row's largest score, which
  //! changes nothing mathematically and keeps every exponent at most 0. The
  //! concise section of softmax regression shows this in numbers.
  chapter.section("Defining the Softmax");
  auto softmax = [](const NDArray& X) {
    auto X_exp = nd::exp(X);
    auto partition = X_exp.sum({1}, /*keepdims=*/true);  // (n, 1)
    return X_exp / partition;                            // (n, q) / (n, 1)
  };
  auto X_demo = nd::random::normal(0, 1, {2, 5});
  auto X_prob = softmax(X_demo);
  auto row_sums = X_prob.sum({1});
  std::cout << X_prob << "\nrow sums: " << row_sums << "\n";
  chapter.result("softmax_row_sums", row_sums);
  chapter.result("softmax_min", X_prob.min().asscalar());

  //! ## Defining the Model
  //!
  //! The model flattens each batch $(n, 1, 28, 28)$ to $(n, 784)$, applies the
  //! affine map and then the softmax: $(n, 784) \times (784, 10) + (10) \to
  //! (n, 10)$. The lambda captures `W` and `b` by reference, so it always uses
  //! their current values while they are trained.
  chapter.section("Defining the Model");
  auto net = [&](const NDArray& X) {
    return softmax(nd::dot(X.reshape({-1, num_inputs}), W) + b);
  };
  for (const auto& [X, y] : test_iter) {
    std::cout << "input " << shape_str(X.shape()) << " -> output "
              << shape_str(net(X).shape()) << "\n";
    break;
  }

  //! ## The Cross-Entropy Loss
  //!
  //! To train we need a loss that is small when the model gives the true class a
  //! high probability. The cross-entropy loss of one example with true class $y$
  //! is $\ell = -\log \hat{y}_y$: 0 when the model is certain and right, and
  //! growing without bound as the probability of the right class falls to 0. It is
  //! the negative log-likelihood of the labels under the model's distribution.
  //!
  //! We only need the one predicted probability per example that belongs to its
  //! label. `nd::pick(y_hat, y)` picks, in row $i$, the entry in column $y_i$.
  //! In the example, two examples have three classes; the first has label 0 and
  //! the second label 2, so we pick $0.1$ and $0.5$.
  chapter.section("The Cross-Entropy Loss");
  NDArray y_hat{{0.1f, 0.3f, 0.6f}, {0.3f, 0.2f, 0.5f}};
  NDArray y{0, 2};
  auto picked = nd::pick(y_hat, y);
  auto cross_entropy = [](const NDArray& y_hat, const NDArray& y) {
    return -nd::log(nd::pick(y_hat, y));
  };
  auto ce = cross_entropy(y_hat, y);
  std::cout << "picked: " << picked << "\ncross-entropy: " << ce << "\n";
  chapter.result("picked", picked);
  chapter.result("cross_entropy", ce);

  //! ## Classification Accuracy
  //!
  //! The loss is what we minimize, but what we care about is how often the
  //! prediction is right. The prediction is the class with the largest
  //! probability, `argmax` along axis 1. `accuracy(y_hat, y)` counts the rows
  //! whose argmax equals the label; dividing by the number of examples gives the
  //! fraction. In the example the first prediction (class 2) is wrong and the
  //! second (class 2) is right, so the accuracy is $0.5$.
  //!
  //! `evaluate_accuracy(net, data_iter)` does the same over a whole data set, one
  //! batch at a time. With random weights the model should be right about one
  //! time in ten, as a random guess would.
  //!
  //! @source lib/src/utils/train.cpp accuracy evaluate_accuracy
  chapter.section("Classification Accuracy");
  double acc = book::accuracy(y_hat, y) / static_cast<double>(y.size());
  std::cout << "accuracy of the example: " << acc << "\n";
  double untrained = book::evaluate_accuracy(net, test_iter);
  std::cout << "test accuracy before training: " << std::fixed << std::setprecision(3)
            << untrained << std::defaultfloat << "\n";
  chapter.result("example_accuracy", acc);
  chapter.result("untrained_test_acc", untrained);

  //! ## Training
  //!
  //! `train_ch3` runs the loop we wrote for linear regression, now for a
  //! classifier. For each batch it records `net(X)` and the loss, calls
  //! `backward()`, and updates the parameters with `sgd({W, b}, lr, batch_size)`.
  //! After each epoch it prints the mean training loss, the accuracy on the
  //! training batches, and the accuracy on the test set.
  //!
  //! 60000 is not a multiple of 256: an epoch is 234 full batches and a last one
  //! of 96 examples. Like the book's `train_ch3`, we still divide that batch's
  //! summed gradient by `batch_size`, not by 96, so the last step is 96/256 as
  //! long as a full one: each example moves the weights by the same amount. Dividing
  //! by 96 instead would give those few examples a full-size step right before
  //! every test evaluation, which costs a point or more of test accuracy in the
  //! MLP chapter.
  //!
  //! With a learning rate of 0.1 and five epochs the test accuracy ends near
  //! 0.83. The MXNet edition's code, run in MXNet 1.9.1 on the same machine with
  //! seeds 0 to 3, ends between 0.826 and 0.828 with a training loss of 0.484 to
  //! 0.486; this program ends between 0.827 and 0.829 (seeds 0 to 4) with a loss
  //! of 0.486. (The book prints 0.840 for its own run; MXNet 1.9.1 does not reach
  //! that here with any of the seeds we tried.)
  //!
  //! The training accuracy is measured while the parameters still change within
  //! the epoch, so it lags a little behind what the model reaches at the end of
  //! the epoch; that is why it can be lower than the test accuracy.
  //!
  //! @source lib/src/utils/train.cpp train_ch3 train_loop
  chapter.section("Training");
  const float lr = static_cast<float>(chapter.lr());
  auto history = book::train_ch3(net, train_iter, test_iter, cross_entropy,
                                 chapter.epochs(), batch_size, {W, b}, lr);
  book::show_history(chapter, history, "softmax regression from scratch",
                     "Training loss, training and test accuracy per epoch.");

  //! ## Prediction
  //!
  //! Finally we look at some test images with the true label on the first line
  //! and the model's prediction on the second. The mistakes tend to be the ones a
  //! person could make at this resolution, such as a shirt taken for a T-shirt.
  chapter.section("Prediction");
  int right =
      book::predict_ch3(chapter.path("predictions.svg"), net, test_iter, /*n=*/10);
  chapter.figure("predictions.svg",
                 "Test images: true label (top), prediction (bottom).");
  std::cout << right << " of the 10 shown predictions are right\n";
  chapter.result("predictions_right", right);

  //! ## Exercises
  //!
  //! 1. Call `softmax` on `NDArray{{100, 101}}` and on `NDArray{{1000, 1001}}`. What
  //!    goes wrong in the second case? Fix it by subtracting each row's maximum
  //!    before `exp`, and check that the first result does not change.
  //! 2. `cross_entropy` takes the logarithm of a probability. When can that
  //!    probability be exactly 0 in `float`, and what does the loss become then?
  //! 3. Train for 20 epochs (`--epochs 20`) and plot the history. Does the test
  //!    accuracy keep rising? Compare it with the training accuracy.
  //! 4. Try learning rates of 0.01, 0.1 and 1. Which reaches the best test
  //!    accuracy after five epochs, and what happens to the loss with the largest?
  //! 5. Predicting the class with the largest probability is not always the best
  //!    choice. Give an example of a task where a wrong answer in one direction
  //!    costs much more than in the other.
}
