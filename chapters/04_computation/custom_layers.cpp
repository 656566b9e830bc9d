//! # Custom Layers
//!
//! The library's layers cover the common cases, but research often needs a layer
//! that does not exist yet. A layer is just a block, so writing one means
//! writing a small class: a constructor that registers its parameters, if it
//! has any, and a `forward` function.
#include <d2l/d2l.hpp>
#include <iostream>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv,
                         {.epochs = 10,
                          .batch_size = 32,
                          .lr = 0.1,
                          .num_train = 1024,
                          .quick = {.epochs = 8, .num_train = 512}});

  //! ## A Layer without Parameters
  //!
  //! `CenterLayer` subtracts the mean from its input, so its output has mean zero.
  //! It has nothing to learn, so it registers nothing. (Like the blocks of the
  //! previous section, the classes of this page are defined inside `main`, where
  //! they are first used.)
  chapter.section("A Layer without Parameters");
  class CenterLayer : public gluon::Block {
   public:
    // any shape -> the same shape
    NDArray forward(const NDArray& x) override { return x - x.mean(); }
  };

  CenterLayer center;
  NDArray c = center(NDArray{1, 2, 3, 4, 5});
  std::cout << c << "\n";
  chapter.result("center_output", c);

  //! Inside a network it is one more block. We feed random data through a Dense
  //! layer and then `CenterLayer`; the mean of the output is zero up to rounding.
  nn::Sequential net;
  net.add(nn::Dense(128)).add(CenterLayer());
  net.initialize();
  NDArray y = net(nd::random::uniform(0, 1, {4, 8}));
  std::cout << "mean of the output: " << y.mean().asscalar() << "\n";
  chapter.result("centered_mean", y.mean().asscalar());

  //! ## A Layer with Parameters
  //!
  //! `MyDense` is a fully connected layer with a ReLU, written with the basic ops.
  //! `register_parameter` creates each parameter under this block's name, so that
  //! `initialize`, `collect_params`, the trainer and saving all find it. Its weight
  //! is stored as (in_units, units), unlike `nn::Dense`.
  chapter.section("A Layer with Parameters");
  class MyDense : public gluon::Block {
   public:
    MyDense(int64_t units, int64_t in_units) {
      weight = register_parameter("weight", {in_units, units});
      bias = register_parameter("bias", {units});
    }
    // (batch, in_units) -> (batch, units)
    NDArray forward(const NDArray& x) override {
      return nd::relu(nd::dot(x, weight.data()) + bias.data());
    }
    gluon::Parameter weight, bias;
  };

  MyDense dense(3, 5);
  std::cout << dense.params() << "\n";
  dense.initialize();
  NDArray out = dense(nd::random::uniform(0, 1, {2, 5}));
  std::cout << out << "\n";
  chapter.result("mydense_output_shape",
                 std::vector<double>{double(out.shape()[0]), double(out.shape()[1])});
  chapter.result("mydense_min", out.min().asscalar());

  //! ## Custom Layers in a Network
  //!
  //! Custom layers mix freely with built-in ones, and the trainer updates their
  //! parameters like any others. We fit a small network, two `MyDense` layers, a
  //! `CenterLayer` and a `Dense` output, to a linear function of random inputs,
  //! and watch the loss fall.
  chapter.section("Custom Layers in a Network");
  nn::Sequential mixed;
  mixed.add(MyDense(32, 16)).add(CenterLayer()).add(MyDense(32, 32));
  mixed.add(nn::Dense(1));
  std::cout << mixed << "\n";
  mixed.initialize(init::Normal(0.1f));
  const int64_t n = chapter.num_train();
  NDArray features = nd::random::normal(0, 1, {n, 16});
  NDArray true_w = nd::random::normal(0, 0.3f, {16, 1});
  NDArray labels = nd::dot(features, true_w) + 0.5f;
  gluon::loss::L2Loss loss;
  gluon::Trainer trainer(mixed.collect_params(), "sgd",
                         {.learning_rate = float(chapter.lr())});
  auto mean_loss = [&] { return loss(mixed(features), labels).mean().asscalar(); };
  std::vector<double> history{mean_loss()};
  std::cout << "before training, loss " << history[0] << "\n";
  const int64_t batch = chapter.batch_size();
  for (int epoch = 1; epoch <= chapter.epochs(); ++epoch) {
    for (int64_t i = 0; i < n; i += batch) {
      NDArray xb = features[{slice(i, i + batch)}], yb = labels[{slice(i, i + batch)}];
      NDArray l;
      {
        autograd::record rec;
        l = loss(mixed(xb), yb);
      }
      l.backward();
      trainer.step(batch);
    }
    history.push_back(mean_loss());
    std::cout << "epoch " << epoch << ", loss " << history.back() << "\n";
  }
  chapter.result("loss_history", history);

  //! ## Exercises
  //!
  //! 1. Write a layer that takes an input and computes a tensor reduction,
  //!    $y_k = \sum_{i,j} W_{ijk} x_i x_j$.
  //! 2. Write a layer that returns the leading half of the Fourier coefficients
  //!    of its input.
  //! 3. Give `MyDense` an `in_units` of 0 and infer it at the first forward pass,
  //!    as `nn::Dense` does (look at `Parameter::finish_deferred_init`).
}
