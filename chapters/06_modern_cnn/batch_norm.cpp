//! # Batch Normalization
//!
//! Deep networks are hard to train for a mundane reason: every layer learns
//! while the layers below it keep changing what they hand up. A layer that has
//! just adapted to inputs of a certain size and offset sees, one step later,
//! inputs of another size and offset, and the deeper the network, the more
//! these changes pile up. We have fought this so far with careful
//! initialization and modest learning rates. Batch normalization, proposed by
//! Sergey Ioffe and Christian Szegedy in 2015, attacks it head on: after an
//! affine layer, each output feature is shifted and rescaled so that, over the
//! current minibatch, it has mean 0 and variance 1. Two learned numbers per
//! feature then give the network back the freedom to choose any other mean and
//! scale it likes.
//!
//! Why exactly it helps is still argued about (the original paper's story of an
//! "internal covariate shift" has been questioned since), but the effect is not
//! in doubt: networks with batch normalization tolerate much larger learning
//! rates, depend less on their initialization, and reach a given accuracy in
//! fewer epochs. Almost every network in the rest of this part uses it.
//!
//! This section writes the normalization by hand, wraps it in a layer of our
//! own, puts that layer into LeNet, and then does the same with the library's
//! `nn::BatchNorm`.
#include <cmath>
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

using namespace d2l;

namespace {
// A (1, C) or (1, C, 1, 1) array, or a (C) one, as a list of C numbers.
std::vector<double> per_channel(const NDArray& x) {
  auto v = x.to_vector();
  return {v.begin(), v.end()};
}
std::string fmt(const std::vector<double>& v) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(3) << "[";
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  return os.str() + "]";
}
double average(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}
}  // namespace

//! ## Batch Normalization from Scratch
//!
//! For a minibatch $\mathcal{B}$ and one feature $x$, training mode computes the
//! batch mean and the (biased) batch variance,
//!
//! $$\hat\mu_\mathcal{B} = \frac{1}{|\mathcal{B}|} \sum_{x \in \mathcal{B}} x,
//!   \qquad
//!   \hat\sigma^2_\mathcal{B} = \frac{1}{|\mathcal{B}|} \sum_{x \in \mathcal{B}}
//!   (x - \hat\mu_\mathcal{B})^2,$$
//!
//! and replaces $x$ by
//!
//! $$\mathrm{BN}(x) = \gamma \, \frac{x - \hat\mu_\mathcal{B}}
//!   {\sqrt{\hat\sigma^2_\mathcal{B} + \epsilon}} + \beta.$$
//!
//! The small $\epsilon$ (here $10^{-5}$) keeps the division safe when a feature
//! happens to be constant over the batch. The scale $\gamma$ and the shift
//! $\beta$ are parameters, learned like weights; with $\gamma = \sigma$ and
//! $\beta = \mu$ the layer could even undo the normalization, so nothing is lost.
//!
//! What counts as "one feature" depends on the layer before. After a dense
//! layer, input $(N, C)$, each of the $C$ columns is a feature and its
//! statistics run over the $N$ examples. After a convolution, input
//! $(N, C, H, W)$, the same kernel produced every pixel of a channel, so a
//! channel is treated as one feature and its statistics run over the examples
//! *and* all $H \times W$ positions: one mean and one variance per channel, and
//! one $\gamma$ and $\beta$ per channel too.
//!
//! At prediction time the batch statistics are the wrong thing to use. The
//! prediction for one image should not depend on which other images happen to
//! share its batch, and a batch may hold a single image. So while training,
//! the layer also keeps moving averages of the batch statistics, and prediction
//! normalizes with those:
//!
//! $$\mu_\text{moving} \leftarrow m\, \mu_\text{moving} + (1 - m)\,
//!   \hat\mu_\mathcal{B}, \qquad
//!   \sigma^2_\text{moving} \leftarrow m\, \sigma^2_\text{moving} + (1 - m)\,
//!   \hat\sigma^2_\mathcal{B},$$
//!
//! with momentum $m = 0.9$, MXNet's default. The moving statistics are not
//! parameters of the loss: no gradient should ever reach them. The function
//! below therefore updates them inside `autograd::pause`, where nothing is
//! recorded, and returns them as new arrays instead of writing into the old
//! ones. (Writing into an array in place while recording is refused by the
//! library when autograd could not follow the write; an `assign()` outside
//! `record` would be fine too.) Whether to use batch or moving statistics is
//! decided by `autograd::is_training()`, which is on inside `autograd::record`,
//! the same switch that `dropout` used.
struct BatchNormResult {
  NDArray Y;            // the normalized, scaled and shifted input
  NDArray moving_mean;  // the updated moving statistics (unchanged when predicting)
  NDArray moving_var;
};

// X: (N, C) or (N, C, H, W); gamma, beta, moving_mean, moving_var: (1, C) or
// (1, C, 1, 1), so that they broadcast against X.
BatchNormResult batch_norm(const NDArray& X, const NDArray& gamma, const NDArray& beta,
                           NDArray moving_mean, NDArray moving_var, float eps,
                           float momentum) {
  if (X.ndim() != 2 && X.ndim() != 4) {
    throw d2l::Error("batch_norm: expects (N, C) or (N, C, H, W), got " +
                     shape_str(X.shape()));
  }
  if (!autograd::is_training()) {  // prediction: the moving statistics
    NDArray X_hat = (X - moving_mean) / nd::sqrt(moving_var + eps);
    return {gamma * X_hat + beta, moving_mean, moving_var};
  }
  // Per feature over the batch (2-D), per channel over (N, H, W) (4-D).
  const Axes axes = X.ndim() == 2 ? Axes{0} : Axes{0, 2, 3};
  NDArray mean = X.mean(axes, /*keepdims=*/true);
  NDArray var = nd::square(X - mean).mean(axes, /*keepdims=*/true);
  NDArray X_hat = (X - mean) / nd::sqrt(var + eps);
  {
    autograd::pause outside_the_graph;
    moving_mean = momentum * moving_mean + (1 - momentum) * mean;
    moving_var = momentum * moving_var + (1 - momentum) * var;
  }
  return {gamma * X_hat + beta, moving_mean, moving_var};
}

int main(int argc, char** argv) {
  // LeNet is small: the book's settings run on a CPU too.
  auto chapter = Chapter(argc, argv,
                         {.epochs = 5,
                          .batch_size = 256,
                          .lr = 1.0,
                          .quick = {.epochs = 2, .num_train = 10000, .num_test = 2000}});

  //! We try the function on two tiny inputs whose features are far from
  //! standardized: a $(4, 3)$ matrix whose three columns have different means
  //! and spreads, and a $(2, 2, 3, 3)$ array with two channels centred on 5
  //! and -3. With $\gamma = 1$, $\beta = 0$, inside a `record` scope (training
  //! mode), each column of the first and each channel of the second comes out
  //! with mean 0 and variance 1 (up to the $\epsilon$, which makes the variance
  //! a hair below 1). The moving statistics took one tenth of a step from
  //! $(0, 1)$ towards the batch's.
  chapter.section("Batch Normalization from Scratch");
  NDArray X2 = NDArray{{1, 10, -4}, {2, 20, -4}, {3, 30, 0}, {6, 40, 0}};
  NDArray X4 = nd::concat(
      {nd::random::normal(5, 2, {2, 1, 3, 3}), nd::random::normal(-3, 0.5, {2, 1, 3, 3})},
      /*dim=*/1);
  BatchNormResult r2, r4;
  {
    autograd::record rec;
    r2 = batch_norm(X2, nd::ones({1, 3}), nd::zeros({1, 3}), nd::zeros({1, 3}),
                    nd::ones({1, 3}), 1e-5f, 0.9f);
    r4 = batch_norm(X4, nd::ones({1, 2, 1, 1}), nd::zeros({1, 2, 1, 1}),
                    nd::zeros({1, 2, 1, 1}), nd::ones({1, 2, 1, 1}), 1e-5f, 0.9f);
  }
  auto mean2 = per_channel(r2.Y.mean(0)), var2 = per_channel(nd::square(r2.Y).mean(0));
  auto mean4 = per_channel(r4.Y.mean({0, 2, 3}));
  auto var4 = per_channel(nd::square(r4.Y).mean({0, 2, 3}));
  std::cout << "2-D input:\n"
            << X2 << "\nnormalized:\n"
            << r2.Y << "\nper feature: mean " << fmt(mean2) << ", variance " << fmt(var2)
            << "\nmoving mean " << fmt(per_channel(r2.moving_mean))
            << ", moving variance " << fmt(per_channel(r2.moving_var)) << "\n\n";
  std::cout << "4-D input: channel means " << fmt(per_channel(X4.mean({0, 2, 3})))
            << "\nnormalized, per channel: mean " << fmt(mean4) << ", variance "
            << fmt(var4) << "\n";
  chapter.result("demo2_mean", mean2);
  chapter.result("demo2_var", var2);
  chapter.result("demo2_moving_mean", per_channel(r2.moving_mean));
  chapter.result("demo2_moving_var", per_channel(r2.moving_var));
  chapter.result("demo4_mean", mean4);
  chapter.result("demo4_var", var4);

  //! Outside `record` the same call predicts: it normalizes with the moving
  //! statistics it is given, and with the initial $(0, 1)$ those leave the
  //! input as it was.
  NDArray predicted = batch_norm(X2, nd::ones({1, 3}), nd::zeros({1, 3}),
                                 nd::zeros({1, 3}), nd::ones({1, 3}), 1e-5f, 0.9f)
                          .Y;
  std::cout << "\nprediction mode with moving mean 0, variance 1:\n" << predicted << "\n";
  chapter.result("demo2_predict_max_change", (predicted - X2).abs().max().asscalar());

  //! ## A BatchNorm Layer of Our Own
  //!
  //! A layer of our own, `BatchNorm`, owns the four arrays. `gamma` and `beta`
  //! are registered as parameters (starting at 1 and 0, with their own
  //! initializers, so that `initialize(init::Xavier())` leaves them alone), and
  //! the trainer updates them. The moving statistics are plain arrays that the
  //! layer rebinds after each call, starting from mean 0 and variance 1. The
  //! layer needs to be told the number of features and whether it follows a
  //! dense layer (2 axes) or a convolution (4 axes); the library's version will
  //! infer both.
  chapter.section("A BatchNorm Layer of Our Own");
  class BatchNorm : public gluon::Block {
   public:
    BatchNorm(int64_t num_features, int num_dims) {
      const Shape shape =
          num_dims == 2 ? Shape{1, num_features} : Shape{1, num_features, 1, 1};
      gamma = register_parameter("gamma", shape, GradReq::write,
                                 std::make_shared<init::One>());
      beta = register_parameter("beta", shape, GradReq::write,
                                std::make_shared<init::Zero>());
      moving_mean = nd::zeros(shape);
      moving_var = nd::ones(shape);
    }
    // (N, C) or (N, C, H, W) -> the same shape
    NDArray forward(const NDArray& X) override {
      // Keep the moving statistics where the data is (a no-op on the CPU).
      moving_mean = moving_mean.as_in_context(X.context());
      moving_var = moving_var.as_in_context(X.context());
      auto [Y, new_mean, new_var] =
          batch_norm(X, gamma.data(), beta.data(), moving_mean, moving_var, /*eps=*/1e-5f,
                     /*momentum=*/0.9f);
      moving_mean = new_mean;
      moving_var = new_var;
      return Y;
    }
    std::string repr() const override {
      return "BatchNorm(from scratch, num_features=" + std::to_string(gamma.shape()[1]) +
             ")";
    }

    gluon::Parameter gamma, beta;
    NDArray moving_mean, moving_var;
  };

  //! We feed our layer the 4-D batch from above twenty times in training mode.
  //! Each call moves the moving statistics a tenth of the remaining way towards
  //! the batch's, so after $k$ calls the moving mean is $1 - 0.9^k$ of the batch
  //! mean: 88% after twenty. In prediction mode the layer then uses those
  //! moving statistics, which still lag behind the batch's, so the output is
  //! only roughly standardized. In a real training run the batches change at
  //! every step, and the moving statistics become an average over the last few
  //! dozen of them.
  BatchNorm bn(/*num_features=*/2, /*num_dims=*/4);
  bn.initialize();
  std::cout << bn << "\n" << bn.params() << "\n";
  for (int step = 0; step < 20; ++step) {
    autograd::record rec;
    NDArray Y = bn(X4);
  }
  auto batch_mean = per_channel(X4.mean({0, 2, 3}));
  auto layer_mean = per_channel(bn.moving_mean);
  std::cout << "after 20 training calls: moving mean " << fmt(layer_mean)
            << " (batch mean " << fmt(batch_mean) << "), moving variance "
            << fmt(per_channel(bn.moving_var)) << "\n";
  NDArray Yp = bn(X4);  // prediction mode
  std::cout << "prediction mode, per channel: mean "
            << fmt(per_channel(Yp.mean({0, 2, 3}))) << ", variance "
            << fmt(per_channel(nd::square(Yp).mean({0, 2, 3}))) << "\n";
  chapter.result("layer_batch_mean", batch_mean);
  chapter.result("layer_moving_mean", layer_mean);

  //! ## LeNet with Batch Normalization
  //!
  //! Where does the layer go? After the affine part of a layer and before its
  //! nonlinearity: the convolution or dense layer computes its outputs,
  //! batch normalization standardizes them, and only then does the sigmoid
  //! squash them. That is also why the convolutions and dense layers could drop
  //! their biases here: $\beta$ adds a shift per channel anyway, and the mean
  //! subtraction would cancel any bias. (We keep them, as the book does; they
  //! cost little.) We add a `BatchNorm` after each of LeNet's two convolutions
  //! and after its first two dense layers, not after the output layer. The
  //! sigmoid becomes a layer of its own, `nn::Activation("sigmoid")`, because
  //! the normalization has to sit between the affine map and the activation.
  //! The shapes are those of LeNet, since batch normalization never changes a
  //! shape.
  chapter.section("LeNet with Batch Normalization");
  nn::Sequential net;
  net.add(nn::Conv2D({.channels = 6, .kernel_size = 5}), BatchNorm(6, 4),
          nn::Activation("sigmoid"), nn::MaxPool2D({.pool_size = 2, .strides = 2}));
  net.add(nn::Conv2D({.channels = 16, .kernel_size = 5}), BatchNorm(16, 4),
          nn::Activation("sigmoid"), nn::MaxPool2D({.pool_size = 2, .strides = 2}));
  net.add(nn::Dense(120), BatchNorm(120, 2), nn::Activation("sigmoid"));
  net.add(nn::Dense(84), BatchNorm(84, 2), nn::Activation("sigmoid"));
  net.add(nn::Dense(10));
  net.initialize(init::Xavier());
  NDArray X = nd::random::uniform(0, 1, {2, 1, 28, 28});
  for (const auto& layer : net) {
    X = (*layer)(X);  // prediction mode: the moving statistics stay as they are
    std::cout << std::left << std::setw(16) << layer->prefix() << " output shape:\t"
              << shape_str(X.shape()) << "\n";
  }

  //! ## Training
  //!
  //! We train with the book's settings for this section: batches of 256 and a
  //! learning rate of 1.0, larger still than the 0.9 of plain LeNet, for five
  //! epochs. Compare the first epoch with the previous part's LeNet, which
  //! spent it at chance level: with batch normalization the sigmoids receive
  //! inputs of a useful size from the first step, and on the whole training set
  //! the network is past 75% test accuracy after one epoch.
  //!
  //! LeNet is small enough that the book's settings need no smaller CPU
  //! profile: on two CPU cores each of the two trainings of this page takes
  //! one to two minutes.
  chapter.section("Training");
  const int64_t batch_size = chapter.batch_size();
  const int epochs = chapter.epochs();
  const Device device = chapter.device();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, /*resize=*/0, chapter.num_train(), chapter.num_test());
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history =
      book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device, epochs);
  book::show_history(chapter, history, "LeNet with BatchNorm from scratch",
                     "LeNet with our BatchNorm: loss, training and test accuracy",
                     "scratch_");

  //! ## What the Layer Learned
  //!
  //! The first `BatchNorm` (`net[1]`) follows the first convolution, so it has
  //! one $\gamma$ and one $\beta$ per output channel, six of each. They started
  //! at 1 and 0; training moved them, so the network chose for itself a
  //! different scale and offset for each channel going into the sigmoid than
  //! plain standardization would give. The moving statistics are the average
  //! mean and variance that the six channels of the first convolution produce
  //! on training images.
  chapter.section("What the Layer Learned");
  auto& bn1 = net.at<BatchNorm>(1);
  auto gamma = per_channel(bn1.gamma.data()), beta = per_channel(bn1.beta.data());
  auto moving_mean = per_channel(bn1.moving_mean);
  auto moving_var = per_channel(bn1.moving_var);
  std::cout << "gamma         " << fmt(gamma) << "\nbeta          " << fmt(beta)
            << "\nmoving mean   " << fmt(moving_mean) << "\nmoving var    "
            << fmt(moving_var) << "\n";
  chapter.result("scratch_gamma", gamma);
  chapter.result("scratch_beta", beta);
  chapter.result("scratch_moving_mean", moving_mean);
  chapter.result("scratch_moving_var", moving_var);

  //! ## Concise Implementation
  //!
  //! The library's `nn::BatchNorm` does the same work, with three differences
  //! that make it more convenient. It infers the number of channels at the first
  //! forward pass, as `Dense` infers its inputs. Its moving statistics are
  //! parameters that are never trained (`running_mean` and `running_var`, with
  //! grad_req null), so `save_parameters` stores them along with the weights.
  //! And it is one operation with its own hand-written backward instead of the
  //! dozen recorded operations of our function, which makes it faster (its
  //! source is `lib/src/ndarray/batch_norm.cpp`, the kernels are in
  //! `lib/src/cpu/batch_norm.cpp`). The network is otherwise the same, trained
  //! with the same settings.
  chapter.section("Concise Implementation");
  nn::Sequential gnet;
  gnet.add(nn::Conv2D({.channels = 6, .kernel_size = 5}), nn::BatchNorm(),
           nn::Activation("sigmoid"), nn::MaxPool2D({.pool_size = 2, .strides = 2}));
  gnet.add(nn::Conv2D({.channels = 16, .kernel_size = 5}), nn::BatchNorm(),
           nn::Activation("sigmoid"), nn::MaxPool2D({.pool_size = 2, .strides = 2}));
  gnet.add(nn::Dense(120), nn::BatchNorm(), nn::Activation("sigmoid"));
  gnet.add(nn::Dense(84), nn::BatchNorm(), nn::Activation("sigmoid"));
  gnet.add(nn::Dense(10));
  gnet.initialize(init::Xavier());
  std::cout << gnet << "\n";
  gluon::Trainer gtrainer(gnet.collect_params(), "sgd",
                          {.learning_rate = static_cast<float>(chapter.lr())});
  auto ghistory =
      book::train_ch5(gnet, train_iter, test_iter, batch_size, gtrainer, device, epochs);
  book::show_history(chapter, ghistory, "LeNet with nn::BatchNorm",
                     "LeNet with nn::BatchNorm", "gluon_");

  //! ## Comparing the Two
  //!
  //! Both versions compute the same function, so they learn about equally
  //! well; they do not match to the last digit because the two networks start
  //! from different random weights and see the batches in a different order.
  //! With a learning rate as large as 1.0 the test accuracy also jumps by
  //! several points from one epoch to the next, so compare the curves rather
  //! than the last numbers. With seeds 0 to 3 the last epoch's test accuracy
  //! was between 0.80 and 0.86 with our layer and between 0.82 and 0.88 with
  //! `nn::BatchNorm`, while the final training loss of all eight runs lay
  //! between 0.297 and 0.310. The MXNet edition's code in MXNet 1.9.1 (seeds 0
  //! to 2) ends between 0.837 and 0.886 from scratch and between 0.845 and
  //! 0.879 with `nn.BatchNorm`, with final training losses of 0.292 to 0.307.
  //!
  //! The first layer's $\gamma$ and $\beta$ have again moved away from 1 and 0,
  //! by different amounts for each channel; channel $i$ of one network need not
  //! detect the same pattern as channel $i$ of the other, so the two lists are
  //! not comparable entry by entry. The epochs of the library's version are
  //! shorter: its one fused operation per normalization saves the intermediate
  //! arrays and the bookkeeping of about a dozen recorded steps.
  chapter.section("Comparing the Two");
  auto& gbn1 = gnet.at<nn::BatchNorm>(1);
  auto ggamma = per_channel(gbn1.gamma.data()), gbeta = per_channel(gbn1.beta.data());
  auto grunning_mean = per_channel(gbn1.running_mean.data());
  auto grunning_var = per_channel(gbn1.running_var.data());
  std::cout << "nn::BatchNorm after the first convolution:\ngamma         " << fmt(ggamma)
            << "\nbeta          " << fmt(gbeta) << "\nrunning mean  "
            << fmt(grunning_mean) << "\nrunning var   " << fmt(grunning_var) << "\n\n";
  chapter.result("gluon_gamma", ggamma);
  chapter.result("gluon_beta", gbeta);
  chapter.result("gluon_running_mean", grunning_mean);
  chapter.result("gluon_running_var", grunning_var);
  auto three = [](double v) {  // three decimals
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << v;
    return os.str();
  };
  chapter.table({"", "scratch", "nn::BatchNorm"},
                {{"final test accuracy", three(history.test_acc.back()),
                  three(ghistory.test_acc.back())},
                 {"seconds per epoch", three(average(history.seconds)),
                  three(average(ghistory.seconds))}},
                "Our layer and the library's");
  book::compare_histories(chapter, {{"scratch", history}, {"nn::BatchNorm", ghistory}},
                          "The two networks, epoch by epoch");

  //! ## Exercises
  //!
  //! 1. Remove the biases of the convolutions and dense layers that are
  //!    followed by batch normalization (`.use_bias = false`). Does the accuracy
  //!    change? Show that a bias before the normalization has no effect on its
  //!    output in training mode.
  //! 2. Train plain LeNet (the previous part) and this network with learning
  //!    rates 0.1, 0.3, 1 and 3. Which network is more sensitive to the choice?
  //! 3. Move the normalization after the sigmoid instead of before it. Does it
  //!    still help?
  //! 4. Change the momentum of the moving statistics to 0.5 and to 0.99. What
  //!    happens to the test accuracy of the first epoch, and why? (Look at how
  //!    far the moving statistics are from the current batch statistics.)
  //! 5. Evaluate the trained network in training mode, that is with batch
  //!    statistics (compute the test accuracy inside `autograd::train_mode`),
  //!    with test batches of 256 and then of 4. What goes wrong with small
  //!    batches, and why do the moving statistics avoid it?
  //! 6. Fix $\gamma = 1$ and $\beta = 0$ (`nn::BatchNorm({.center = false,
  //!    .scale = false})`). How much do the learned scale and shift matter here?
}
