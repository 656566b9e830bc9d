//! # Weight Decay
//!
//! A model *overfits* when it fits its training data much better than new data
//! from the same source: it has learned the noise of the particular examples
//! along with the pattern. More data is the best cure, but data costs money.
//! Another cure is to limit how complex the model can be. Dropping features is
//! one way, and a crude one. *Weight decay* is gentler: it keeps every feature
//! but makes large weights expensive, so that the model uses big weights only
//! where the data clearly asks for them.
//!
//! Concretely, we add the squared length of the weight vector to the loss,
//!
//! $$L(\mathbf{w}, b) + \frac{\lambda}{2}\|\mathbf{w}\|^2,$$
//!
//! with a hyperparameter $\lambda \ge 0$ that sets the price; $\lambda = 0$ is the
//! plain loss. Its gradient with respect to $\mathbf{w}$ is $\lambda\mathbf{w}$,
//! so one SGD step with learning rate $\eta$ becomes
//!
//! $$\mathbf{w} \leftarrow (1 - \eta\lambda)\,\mathbf{w} - \eta\,
//!   \frac{\partial L}{\partial \mathbf{w}}:$$
//!
//! before the usual step, every weight shrinks by a fixed fraction. That
//! shrinking, or decay, gives the method its name. (The squared norm is also
//! called the $L_2$ penalty, and in statistics the method is ridge regression.)
//! The bias is usually left alone: it only shifts the output and does not make
//! the model more wiggly.
#include <algorithm>
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

using namespace d2l;
namespace nn = gluon::nn;

int main(int argc, char** argv) {
  auto chapter = Chapter(
      argc, argv, {.epochs = 100, .batch_size = 1, .lr = 0.003, .quick = {.epochs = 30}});

  //! ## High-Dimensional Linear Regression
  //!
  //! To see overfitting clearly we make it easy to overfit: 200 features but only
  //! 20 training examples. The data follow
  //!
  //! $$y = 0.05 + \sum_{i=1}^{200} 0.01\, x_i + \epsilon, \qquad
  //!   \epsilon \sim \mathcal{N}(0, 0.01^2),$$
  //!
  //! with standard normal features $x_i$. With more unknowns than equations, many
  //! weight vectors fit the 20 training examples perfectly, and nearly all of them
  //! are far from the true one. A test set of 100 examples shows how far.
  chapter.section("High-Dimensional Linear Regression");
  const int64_t n_train = 20, n_test = 100, num_inputs = 200;
  const int epochs = chapter.epochs();
  const float true_b = 0.05f;
  auto true_w = nd::full({num_inputs}, 0.01f);
  auto [features, labels] = book::synthetic_data(true_w, true_b, n_train + n_test);
  auto train_features = nd::slice_axis(features, 0, 0, n_train);
  auto train_labels = nd::slice_axis(labels, 0, 0, n_train);
  auto test_features = nd::slice_axis(features, 0, n_train, n_train + n_test);
  auto test_labels = nd::slice_axis(labels, 0, n_train, n_train + n_test);
  std::cout << "training: " << shape_str(train_features.shape()) << " features, "
            << shape_str(train_labels.shape()) << " labels\n"
            << "test:     " << shape_str(test_features.shape()) << " features, "
            << shape_str(test_labels.shape()) << " labels\n"
            << "norm of the true w: " << true_w.norm().asscalar() << "\n";

  //! ## Initializing the Model Parameters
  //!
  //! Each run starts from fresh weights drawn from $\mathcal{N}(0, 1)$ and a zero
  //! bias, with gradients attached. Note how large this start is: the norm of 200
  //! standard normal numbers is about $\sqrt{200} \approx 14$, a hundred times the
  //! true weights' $0.01\sqrt{200} \approx 0.14$.
  chapter.section("Initializing the Model Parameters");
  auto init_params = [&] {
    auto w = nd::random::normal(0, 1, {num_inputs});
    auto b = nd::zeros({1});
    w.attach_grad();
    b.attach_grad();
    return std::pair{w, b};
  };
  std::cout << "norm of a fresh w: " << init_params().first.norm().asscalar() << "\n";

  //! ## Defining the L2 Norm Penalty
  //!
  //! Half the sum of the squared weights. It is a function of the parameters
  //! only, not of the data, so one number is added to the loss of each example.
  chapter.section("Defining the L2 Norm Penalty");
  auto l2_penalty = [](const NDArray& w) { return (w * w).sum() / 2; };
  std::cout << "l2_penalty({1, 2, 3}) = " << l2_penalty(NDArray{1, 2, 3}) << "\n";

  //! ## Defining Training and Testing
  //!
  //! `fit_and_plot` trains the linear model `linreg` with squared loss plus
  //! $\lambda$ times the penalty, one example per step (batch size 1), for the
  //! given number of epochs. After each epoch it records the mean loss (without
  //! penalty) on the training and on the test set, then plots both on a log
  //! scale and prints the norm of the learned $\mathbf{w}$. It returns the losses
  //! and the norm so that we can keep them.
  chapter.section("Defining Training and Testing");
  struct Fit {
    std::vector<double> train_ls, test_ls;
    double w_norm = 0;
  };
  std::vector<double> epoch_axis;
  for (int e = 1; e <= epochs; ++e) epoch_axis.push_back(e);
  auto mean_loss = [](const NDArray& y_hat, const NDArray& y) {
    return static_cast<double>(book::squared_loss(y_hat, y).mean().asscalar());
  };
  // Writes the figure `file` and prints the final losses.
  auto plot_and_print = [&](Fit& fit, const std::string& file, const std::string& title,
                            double w_norm) {
    fit.w_norm = w_norm;
    book::semilogy(chapter.path(file), epoch_axis, fit.train_ls, "epochs", "loss",
                   epoch_axis, fit.test_ls, {"train", "test"});
    chapter.figure(file, title);
    std::cout << "final train loss " << std::setprecision(3) << fit.train_ls.back()
              << ", test loss " << fit.test_ls.back()
              << "\nL2 norm of w: " << std::setprecision(4) << w_norm << "\n";
  };
  auto fit_and_plot = [&](float lambd, const std::string& file) {
    auto [w, b] = init_params();
    float lr = static_cast<float>(chapter.lr());
    int64_t batch_size = chapter.batch_size();
    Fit fit;
    for (int epoch = 0; epoch < epochs; ++epoch) {
      for (const auto& [X, y] :
           book::data_iter(batch_size, train_features, train_labels)) {
        NDArray l;
        {
          autograd::record rec;
          l = book::squared_loss(book::linreg(X, w, b), y) + lambd * l2_penalty(w);
        }
        l.backward();
        book::sgd({w, b}, lr, batch_size);
      }
      fit.train_ls.push_back(mean_loss(book::linreg(train_features, w, b), train_labels));
      fit.test_ls.push_back(mean_loss(book::linreg(test_features, w, b), test_labels));
    }
    plot_and_print(fit, file, "lambda = " + std::to_string(lambd).substr(0, 3),
                   w.norm().asscalar());
    return fit;
  };
  std::cout << "training runs " << epochs << " epochs of " << n_train
            << " steps each, learning rate " << chapter.lr() << "\n";

  //! ## Training without Regularization
  //!
  //! With $\lambda = 0$ we minimize the plain squared loss. The training loss
  //! falls to practically zero, far below what the noise in the labels would
  //! allow a correct model, while the test loss hardly moves from its start: the
  //! model has memorized the 20 examples. The learned weights are still about as
  //! large as their random start: the 20 examples only constrain $\mathbf{w}$ in
  //! 20 of its 200 directions, and in the other 180 it keeps its $\mathcal{N}(0, 1)$
  //! start, of norm about $\sqrt{180} \approx 13.4$. So the norm differs by about
  //! one from seed to seed: 13.1 to 14.1 here with seeds 0 to 4, and 11.6 to 14.9
  //! for the MXNet edition's code in MXNet 1.9.1 with twelve seeds.
  chapter.section("Training without Regularization");
  auto plain = fit_and_plot(/*lambd=*/0, "scratch_lambda0.svg");
  chapter.result("scratch_lambda0_w_norm", plain.w_norm);
  chapter.result("scratch_lambda0_train_loss", plain.train_ls);
  chapter.result("scratch_lambda0_test_loss", plain.test_ls);

  //! ## Using Weight Decay
  //!
  //! With $\lambda = 3$ every step first multiplies $\mathbf{w}$ by
  //! $1 - 0.003 \cdot 3 = 0.991$. The training loss now stays higher, since the
  //! model may not bend its weights freely to fit every example, but the test
  //! loss comes down by several orders of magnitude, and the norm of the weights
  //! ends up in the range of the true weights' 0.14 (below it, in fact: the
  //! penalty pulls every weight towards zero, the true ones included). The norm
  //! ends between 0.032 and 0.049 with seeds 0 to 4; MXNet 1.9.1 gives 0.029 to
  //! 0.048 over twelve seeds.
  chapter.section("Using Weight Decay");
  auto decayed = fit_and_plot(/*lambd=*/3, "scratch_lambda3.svg");
  chapter.result("scratch_lambda3_w_norm", decayed.w_norm);
  chapter.result("scratch_lambda3_train_loss", decayed.train_ls);
  chapter.result("scratch_lambda3_test_loss", decayed.test_ls);
  std::cout << "with weight decay, the norm of w is " << std::setprecision(3)
            << plain.w_norm / decayed.w_norm << " times smaller\n";

  //! ## Concise Implementation
  //!
  //! Gluon's `Trainer` has weight decay built in: its option `wd` adds
  //! `wd * w` to each gradient before the step, which is exactly the gradient of
  //! our penalty with $\lambda$ = `wd`. Doing it inside the update is also
  //! cheaper than adding a penalty to every loss. A `Trainer` applies `wd` to all
  //! the parameters it is given, so to decay the weight but not the bias we use
  //! two trainers: one over `collect_params(".*weight")` with `wd`, one over
  //! `collect_params(".*bias")` without, and step both after each backward pass.
  //! (Alternatively, `bias.set_wd_mult(0)` exempts a single parameter.)
  //!
  //! The network is a single `Dense(1)` with its weight drawn from
  //! $\mathcal{N}(0, 1)$ like before, and the loss is `L2Loss`, the same
  //! $\frac{1}{2}(\hat y - y)^2$ as `squared_loss`.
  chapter.section("Concise Implementation");
  gluon::data::DataLoader train_iter(
      gluon::data::ArrayDataset(train_features, train_labels),
      {.batch_size = chapter.batch_size(), .shuffle = true});
  gluon::loss::L2Loss loss;
  auto fit_and_plot_gluon = [&](float wd, const std::string& file) {
    nn::Sequential net;
    net.add(nn::Dense(1));
    net.initialize(gluon::init::Normal(1));
    float lr = static_cast<float>(chapter.lr());
    gluon::Trainer trainer_w(net.collect_params(".*weight"), "sgd",
                             {.learning_rate = lr, .wd = wd});
    gluon::Trainer trainer_b(net.collect_params(".*bias"), "sgd", {.learning_rate = lr});
    Fit fit;
    for (int epoch = 0; epoch < epochs; ++epoch) {
      for (const auto& [X, y] : train_iter) {
        NDArray l;
        {
          autograd::record rec;
          l = loss(net(X), y);
        }
        l.backward();
        trainer_w.step(chapter.batch_size());
        trainer_b.step(chapter.batch_size());
      }
      fit.train_ls.push_back(loss(net(train_features), train_labels).mean().asscalar());
      fit.test_ls.push_back(loss(net(test_features), test_labels).mean().asscalar());
    }
    auto weight = net[0].weight().data();
    plot_and_print(fit, file, "wd = " + std::to_string(wd).substr(0, 3),
                   weight.norm().asscalar());
    return fit;
  };
  std::cout << "wd = 0:\n";
  auto gluon_plain = fit_and_plot_gluon(/*wd=*/0, "gluon_wd0.svg");
  std::cout << "wd = 3:\n";
  auto gluon_decayed = fit_and_plot_gluon(/*wd=*/3, "gluon_wd3.svg");
  chapter.result("gluon_wd0_w_norm", gluon_plain.w_norm);
  chapter.result("gluon_wd0_train_loss", gluon_plain.train_ls);
  chapter.result("gluon_wd0_test_loss", gluon_plain.test_ls);
  chapter.result("gluon_wd3_w_norm", gluon_decayed.w_norm);
  chapter.result("gluon_wd3_train_loss", gluon_decayed.train_ls);
  chapter.result("gluon_wd3_test_loss", gluon_decayed.test_ls);

  //! ## Exercises
  //!
  //! 1. Train with $\lambda$ = 0.1, 1, 3, 10 and 30, and plot the final training
  //!    and test losses against $\lambda$. Which value gives the lowest test loss?
  //!    Why would choosing $\lambda$ by that test loss be cheating, and what
  //!    should you use instead?
  //! 2. Keep $\lambda = 0$ but use 100 training examples instead of 20. How does
  //!    the gap between training and test loss change?
  //! 3. Weight decay on the bias too: train the concise version with one Trainer
  //!    over all parameters. Does anything change here? When could it matter?
  //! 4. Replace the penalty by $\lambda \sum_i |w_i|$ (the $L_1$ norm). What does
  //!    one SGD step do to a weight now? Train it and look at how many weights end
  //!    up near zero.
  //! 5. Show that with weight decay, plain gradient descent on a linear model with
  //!    squared loss converges to the solution of
  //!    $(\mathbf{X}^\top\mathbf{X} + n\lambda\mathbf{I})\,\mathbf{w} =
  //!    \mathbf{X}^\top(\mathbf{y} - b)$ for $n$ training examples, and explain
  //!    why that system always has exactly one solution.
}
