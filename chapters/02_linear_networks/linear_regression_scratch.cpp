//! # Linear Regression from Scratch
//!
//! Linear regression predicts a number as a weighted sum of the inputs plus a
//! constant. It is the smallest model that still has every part of a training
//! program: data, a model with parameters, a loss that scores the predictions, and
//! an optimizer that changes the parameters to lower the loss. Deep networks keep
//! all four parts and only make the model bigger.
//!
//! In this section we write each part ourselves, using nothing but `NDArray` and
//! autograd. Because we generate the data from a known linear rule, we can check
//! at the end whether training found that rule. The next section builds the same
//! program from the library's ready-made pieces.
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <string>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {.epochs = 3, .batch_size = 10, .lr = 0.03});

  //! ## Generating the Data Set
  //!
  //! We draw 1000 examples with two features each. Every feature comes from the
  //! standard normal distribution, which gives a matrix
  //! $\mathbf{X} \in \mathbb{R}^{1000 \times 2}$. The label of example $i$ follows
  //! a linear rule with weights $\mathbf{w} = (2, -3.4)^\top$ and bias $b = 4.2$,
  //! plus a little noise:
  //!
  //! $$y_i = \mathbf{x}_i^\top \mathbf{w} + b + \epsilon_i, \qquad
  //! \epsilon_i \sim \mathcal{N}(0, 0.01^2).$$
  //!
  //! The noise stands for everything a real measurement gets wrong. With a standard
  //! deviation of 0.01 it is small, so a good model should come very close to the
  //! true $\mathbf{w}$ and $b$, but not hit them exactly. `synthetic_data` does the
  //! drawing; we print the first example to see what one looks like.
  //!
  //! @source lib/src/utils/linreg.cpp synthetic_data
  chapter.section("Generating the Data Set");
  NDArray true_w{2, -3.4f};
  const float true_b = 4.2f;
  auto [features, labels] = book::synthetic_data(true_w, true_b, /*num_examples=*/1000);
  std::cout << "features: " << shape_str(features.shape())
            << ", labels: " << shape_str(labels.shape()) << "\n";
  std::cout << "first example: " << features[{0}] << "\nlabel: " << labels[{0}] << "\n";
  chapter.result("num_examples", static_cast<double>(features.shape()[0]));

  //! ## Looking at the Data
  //!
  //! Plotting the second feature against the label shows the linear relation:
  //! the points lie around a line of slope $-3.4$. The spread around that line is
  //! not the noise $\epsilon$ (which is far too small to see) but the other
  //! feature, which also moves the label and is not on this plot.
  chapter.section("Looking at the Data");
  NDArray feature1 = features[{all, 1}];
  book::Figure scatter({.xlabel = "feature 1", .ylabel = "label"});
  scatter.scatter(feature1, labels).save(chapter.path("scatter.svg"));
  chapter.figure("scatter.svg", "The second feature against the label.");
  std::cout << "plotted " << feature1.size() << " points\n";

  //! ## Reading the Data in Minibatches
  //!
  //! Training looks at a few examples at a time, a *minibatch*, rather than the
  //! whole set: a gradient from 10 examples is a noisy but cheap estimate of the
  //! gradient from all 1000, and many cheap steps beat a few expensive ones. The
  //! examples should come in a random order, so that consecutive minibatches are
  //! not correlated by however the data happened to be stored.
  //!
  //! `data_iter` shuffles the indices $0, \ldots, 999$ and cuts them into batches.
  //! It returns a list of `Batch`es, each with a `data` part (the features) and
  //! a `label` part; a structured binding names them `X` and `y`. We print the
  //! first batch and stop.
  //!
  //! @source lib/src/utils/linreg.cpp data_iter
  chapter.section("Reading the Data in Minibatches");
  const int64_t batch_size = chapter.batch_size();
  for (const auto& [X, y] : book::data_iter(batch_size, features, labels)) {
    std::cout << X << "\n" << y << "\n";
    break;
  }

  //! ## Initializing the Model Parameters
  //!
  //! Gradient descent needs a starting point. We draw the weights from a normal
  //! distribution with a small standard deviation, 0.01, and set the bias to 0.
  //! The weights form a $2 \times 1$ column, so that `dot(X, w)` maps a batch of
  //! shape $(n, 2)$ to predictions of shape $(n, 1)$.
  //!
  //! We want the gradient of the loss with respect to `w` and `b`, so both get
  //! `attach_grad()`: from now on, every `backward()` writes
  //! $\partial \ell / \partial \mathbf{w}$ into `w.grad()`.
  chapter.section("Initializing the Model Parameters");
  auto w = nd::random::normal(0, 0.01f, {2, 1});
  auto b = nd::zeros({1});
  w.attach_grad();
  b.attach_grad();
  std::cout << "w: " << w << "\nb: " << b << "\n";

  //! ## The Model, the Loss and the Optimizer
  //!
  //! These three functions belong to the library, because later sections use
  //! them too; each is two or three lines:
  //!
  //! @source lib/src/utils/linreg.cpp linreg squared_loss sgd
  //!
  //! * `linreg(X, w, b)` computes $\hat{\mathbf{y}} = \mathbf{X}\mathbf{w} + b$
  //!   with `nd::dot(X, w) + b`. The bias is *broadcast*: added to every row.
  //! * `squared_loss(y_hat, y)` gives each example the loss
  //!   $\ell_i = \frac{1}{2}(\hat{y}_i - y_i)^2$. The factor $\frac12$ only makes
  //!   the derivative, $\hat{y}_i - y_i$, come out without a 2. The labels arrive
  //!   as a vector $(n)$ and the predictions as a column $(n, 1)$, so the function
  //!   reshapes `y` to the shape of `y_hat` first; without that, broadcasting
  //!   would silently build an $n \times n$ matrix of every prediction against
  //!   every label.
  //! * `sgd(params, lr, batch_size)` is minibatch stochastic gradient descent:
  //!   each parameter $\theta$ moves against its gradient,
  //!   $\theta \leftarrow \theta - \frac{\eta}{|\mathcal{B}|} \nabla_\theta
  //!   \sum_{i \in \mathcal{B}} \ell_i$, where $\eta$ is the learning rate and
  //!   $|\mathcal{B}|$ the batch size. Dividing by the batch size turns the sum
  //!   of the losses into their mean, so the step does not grow with the batch.
  //!   The update is written in place, `param -= lr * param.grad() / batch_size`,
  //!   under `autograd::pause`: it changes the parameters without becoming part
  //!   of the next gradient's computation.
  //!
  //! A quick call with the untrained parameters: the predictions are near 0, far
  //! from labels around 4, so the loss is large.
  chapter.section("The Model, the Loss and the Optimizer");
  auto initial_loss =
      book::squared_loss(book::linreg(features, w, b), labels).mean().asscalar();
  std::cout << "mean loss before training: " << initial_loss << "\n";
  chapter.result("initial_loss", initial_loss);

  //! ## Training
  //!
  //! Each epoch visits every example once, in a new random order. For each
  //! minibatch we record the forward computation (the model and the loss), call
  //! `backward()` on the loss, and let `sgd` take a step. The loss `l` holds one
  //! value per example; `backward()` on it differentiates their sum, which is
  //! what `sgd` expects before it divides by the batch size.
  //!
  //! After each epoch we compute the mean loss on the whole data set, outside any
  //! `record` block since we only look at it. With a learning rate of
  //! $\eta = 0.03$, batches of 10 and three epochs, the loss should fall to
  //! around $5 \times 10^{-5}$: that is $\frac12 \cdot 0.01^2$, the part of the
  //! loss that comes from the noise and that no choice of $\mathbf{w}$ and $b$
  //! can remove.
  //!
  //! For comparison, the MXNet edition's own code, run in MXNet 1.9.1 on the same
  //! machine with seeds 0 to 3, ends at a loss between $4.7 \times 10^{-5}$ and
  //! $5.5 \times 10^{-5}$ with $b$ between 4.1990 and 4.2006; this program, with
  //! seeds 0 to 4, ends between $4.9 \times 10^{-5}$ and $5.1 \times 10^{-5}$
  //! with $b$ between 4.1991 and 4.2000 (the reference is in
  //! `data/reference/mxnet-1.9.1/`, the comparison in `bench/compare_with_mxnet.py`).
  chapter.section("Training");
  const float lr = static_cast<float>(chapter.lr());
  std::vector<double> epoch_losses;
  for (int epoch = 1; epoch <= chapter.epochs(); ++epoch) {
    for (const auto& [X, y] : book::data_iter(batch_size, features, labels)) {
      NDArray l;
      {
        autograd::record rec;
        l = book::squared_loss(book::linreg(X, w, b), y);  // (batch, 1)
      }
      l.backward();
      book::sgd({w, b}, lr, batch_size);
    }
    auto train_l =
        book::squared_loss(book::linreg(features, w, b), labels).mean().asscalar();
    epoch_losses.push_back(train_l);
    std::cout << "epoch " << epoch << ", loss " << std::fixed << std::setprecision(6)
              << train_l << std::defaultfloat << "\n";
  }
  chapter.result("epoch_losses", epoch_losses);
  chapter.result("final_loss", epoch_losses.back());

  //! ## Checking the Result
  //!
  //! We know the parameters that generated the data, so we can measure how far
  //! the learned ones are from them. Both errors should be about $10^{-3}$ or
  //! smaller: the remaining gap comes from the noise, which makes the best
  //! parameters for *these* 1000 examples slightly different from the true ones.
  chapter.section("Checking the Result");
  auto w_error = true_w - w.reshape(true_w.shape());
  auto b_error = true_b - b;
  std::cout << "learned w: " << w.reshape({2}) << "\nlearned b: " << b << "\n";
  std::cout << "error in estimating w: " << w_error << "\n";
  std::cout << "error in estimating b: " << b_error << "\n";
  chapter.result("w", w.reshape({2}));
  chapter.result("b", b.asscalar());
  chapter.result("w_error", w_error);
  chapter.result("b_error", b_error.asscalar());

  //! ## Exercises
  //!
  //! 1. Start the weights at zero instead of random values. Does training still
  //!    work? Why would the same choice be a problem in a network with a hidden
  //!    layer, where every hidden unit would start identical?
  //! 2. Run with `--lr 0.001` and with `--lr 1`. How do the printed losses
  //!    change, and what happens to the parameters when the learning rate is too
  //!    large?
  //! 3. Change `--batch-size` to 1 and to 1000 (one batch per epoch). Compare the
  //!    loss after three epochs and the time each run takes.
  //! 4. Replace `squared_loss` with the absolute error $|\hat{y} - y|$. What is
  //!    its gradient, and how does the final loss compare?
  //! 5. Why does `squared_loss` reshape `y`? Remove the reshape, print the shape
  //!    of the loss, and explain what broadcasting did.
}
