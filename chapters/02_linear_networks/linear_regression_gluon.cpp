//! # Concise Implementation of Linear Regression
//!
//! The previous section wrote every part of linear regression by hand. That was
//! worth doing once, because now nothing is hidden. But the same parts appear in
//! every model: reading data in shuffled minibatches, a layer that computes
//! $\mathbf{X}\mathbf{W}^\top + \mathbf{b}$, a loss, and a rule that updates the
//! parameters. The library's Gluon API has each of them ready, written and tested
//! once.
//!
//! Here we solve the same problem with those pieces. The data is generated as
//! before; everything after that comes from `gluon`. Since the problem is the
//! same, so should be the answer: after three epochs the learned parameters must
//! be within about $10^{-3}$ of the true ones.
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {.epochs = 3, .batch_size = 10, .lr = 0.03});

  //! ## Generating the Data Set
  //!
  //! The same 1000 examples with $\mathbf{w} = (2, -3.4)^\top$, $b = 4.2$ and
  //! noise of standard deviation 0.01.
  chapter.section("Generating the Data Set");
  NDArray true_w{2, -3.4f};
  const float true_b = 4.2f;
  auto [features, labels] = book::synthetic_data(true_w, true_b, /*num_examples=*/1000);
  std::cout << "features: " << shape_str(features.shape())
            << ", labels: " << shape_str(labels.shape()) << "\n";

  //! ## Reading the Data
  //!
  //! An `ArrayDataset` pairs the features with the labels: example $i$ is row $i$
  //! of each. A `DataLoader` walks a dataset in minibatches. With
  //! `.shuffle = true` it draws a new random order at the start of every epoch,
  //! which is what `data_iter` did by hand. Each `for` loop over the loader is
  //! one epoch; as before we print the first batch and stop.
  chapter.section("Reading the Data");
  const int64_t batch_size = chapter.batch_size();
  gluon::data::ArrayDataset dataset(features, labels);
  gluon::data::DataLoader data_iter(dataset, {.batch_size = batch_size, .shuffle = true});
  std::cout << "batches per epoch: " << data_iter.size() << "\n";
  for (const auto& [X, y] : data_iter) {
    std::cout << X << "\n" << y << "\n";
    break;
  }

  //! ## Defining the Model
  //!
  //! `nn::Sequential` is a container that feeds its input through a chain of
  //! layers. Our chain has one layer: `nn::Dense(1)`, a *fully connected* layer
  //! with one output. "Fully connected" means that every input is connected to
  //! every output by a weight, which for one output is exactly
  //! $\hat{y} = \mathbf{x}^\top\mathbf{w} + b$. Linear regression is a neural
  //! network with a single layer and a single neuron.
  //!
  //! We do not say how many inputs the layer has. The library infers it at the
  //! first forward pass, from the shape of the data; until then, the weight's
  //! shape is printed with a 0 in place of the unknown size.
  chapter.section("Defining the Model");
  nn::Sequential net;
  net.add(nn::Dense(1));
  std::cout << net << "\n";

  //! ## Initializing the Model Parameters
  //!
  //! `initialize(init::Normal(0.01))` asks for weights drawn from
  //! $\mathcal{N}(0, 0.01^2)$, as in the previous section. A Dense layer's bias
  //! has its own initializer, zeros, so `b` starts at 0 as before. Because the
  //! input size is not known yet, the weight is actually drawn at the first
  //! forward pass.
  chapter.section("Initializing the Model Parameters");
  net.initialize(init::Normal(0.01f));
  std::cout << net.collect_params() << "\n";

  //! ## The Loss and the Optimizer
  //!
  //! `gluon::loss::L2Loss` is the squared loss
  //! $\ell_i = \frac{1}{2}(\hat{y}_i - y_i)^2$, one value per example. Like our
  //! `squared_loss` it reshapes the labels to the predictions' shape.
  //!
  //! A `gluon::Trainer` applies an optimizer to a set of parameters. We give it
  //! every parameter of the network (`collect_params()`), the name of the
  //! optimizer, `"sgd"`, and its options: a learning rate of 0.03. Its
  //! `step(batch_size)` does what `sgd` did: divide each gradient by the batch
  //! size and move the parameter against it.
  chapter.section("The Loss and the Optimizer");
  gluon::loss::L2Loss loss;
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  std::cout << "optimizer: sgd, learning rate " << trainer.learning_rate() << "\n";

  //! ## Training
  //!
  //! The loop has the same shape as before: record the forward pass and the loss,
  //! call `backward()`, take a step. `net(X)` now plays the part of
  //! `linreg(X, w, b)`, and `trainer.step(batch_size)` that of
  //! `sgd({w, b}, lr, batch_size)`. The network carries its own parameters, so
  //! nothing else needs to be passed around. Note `y.shape()[0]` as the batch
  //! size of the step: it is the number of examples actually in the batch.
  chapter.section("Training");
  std::vector<double> epoch_losses;
  for (int epoch = 1; epoch <= chapter.epochs(); ++epoch) {
    for (const auto& [X, y] : data_iter) {
      NDArray l;
      {
        autograd::record rec;
        l = loss(net(X), y);  // (batch,)
      }
      l.backward();
      trainer.step(batch_size);
    }
    auto train_l = loss(net(features), labels).mean().asscalar();
    epoch_losses.push_back(train_l);
    std::cout << "epoch " << epoch << ", loss " << std::fixed << std::setprecision(6)
              << train_l << std::defaultfloat << "\n";
  }
  chapter.result("epoch_losses", epoch_losses);
  chapter.result("final_loss", epoch_losses.back());

  //! ## Reading the Learned Parameters
  //!
  //! To compare with the truth we need the layer's parameters. `net[0]` is the
  //! first layer, and `net[0].weight()` and `net[0].bias()` its parameters, as
  //! `net[0].weight` in MXNet; `data()` gives their values. Dense stores its
  //! weight as $(\text{outputs}, \text{inputs})$, here $1 \times 2$, so we reshape
  //! it to compare with the vector `true_w`.
  chapter.section("Reading the Learned Parameters");
  std::cout << "net[0] is a " << net[0].class_name() << "\n";
  auto w = net[0].weight().data();
  auto b = net[0].bias().data();
  std::cout << net[0].weight() << "\n" << w << "\n";
  std::cout << net[0].bias() << "\n" << b << "\n";
  auto w_error = true_w - w.reshape(true_w.shape());
  auto b_error = true_b - b;
  std::cout << "error in estimating w: " << w_error << "\n";
  std::cout << "error in estimating b: " << b_error << "\n";
  chapter.result("w_shape", std::vector<double>(w.shape().begin(), w.shape().end()));
  chapter.result("w", w.reshape({2}));
  chapter.result("b", b.asscalar());
  chapter.result("w_error", w_error);
  chapter.result("b_error", b_error.asscalar());

  //! ## Exercises
  //!
  //! 1. Replace `trainer.step(y.shape()[0])` by `trainer.step(1)` and lower the
  //!    learning rate to keep training stable. Which learning rate gives the same
  //!    result as before, and why?
  //! 2. Train with `gluon::loss::L1Loss` instead of `L2Loss`. How do the final
  //!    loss and the errors in `w` and `b` compare?
  //! 3. Read the gradient of the weight after training with
  //!    `net[0].weight().grad()`. What does its size tell you about how far training
  //!    is from a minimum?
  //! 4. Build the layer with `nn::Dense({.units = 1, .in_units = 2})`. When is the
  //!    weight allocated now, and what does printing `net.collect_params()` show
  //!    before the first forward pass?
}
