//! # Convolutional Neural Networks (LeNet)
//!
//! The multilayer perceptron of part 03 flattened every Fashion-MNIST image into
//! 784 numbers and forgot which pixels were neighbours. With convolution and
//! pooling we can keep the image an image. LeNet, designed by Yann LeCun and
//! colleagues at Bell Labs around 1990 to read handwritten ZIP codes and bank
//! cheques, was one of the first convolutional networks put to work, and its
//! layout (convolutions and pooling to extract features, dense layers to
//! classify them) is still the layout of most image classifiers.
//!
//! This section builds LeNet, follows an image through it shape by shape, and
//! trains it on Fashion-MNIST with `train_ch5`, the training loop we will use for
//! the rest of the convolutional chapters.
#include <algorithm>
#include <d2l/d2l.hpp>
#include <iostream>
#include <string>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv,
                         {.epochs = 5,
                          .batch_size = 256,
                          .lr = 0.9,
                          .quick = {.epochs = 2, .num_test = 2000}});

  //! ## The LeNet Model
  //!
  //! LeNet has two parts. The convolutional part has two blocks, each a
  //! $5 \times 5$ convolution followed by a sigmoid and a $2 \times 2$ max
  //! pooling with stride 2 that halves height and width. Neither convolution
  //! pads, so each trims 4 pixels from height and width: the first, with 6 output
  //! channels, turns the $28 \times 28$ image into $24 \times 24$ (pooled to
  //! $12 \times 12$), the second, with 16 channels, turns that into $8 \times 8$
  //! (pooled to $4 \times 4$). As the images get smaller the channels get more
  //! numerous: each of the 16 channels is a detector for some pattern, built from
  //! the 6 patterns of the layer before. (The PyTorch edition of the book pads
  //! the first convolution by 2, which keeps $28 \times 28$ and gives the dense
  //! part 400 inputs; we follow the MXNet edition, whose numbers we compare with.)
  //!
  //! The dense part classifies: three fully connected layers of 120, 84 and 10
  //! units, the first two with a sigmoid. `Dense` flattens its input by itself,
  //! so the $(16, 4, 4)$ feature maps of each example enter it as 256 numbers.
  //! The original LeNet had average pooling and a different output layer; max
  //! pooling and softmax regression on top are what became standard later.
  chapter.section("The LeNet Model");
  // The activation is a parameter so that the last section can swap it.
  auto lenet = [](const std::string& activation) {
    nn::Sequential net;
    net.add(nn::Conv2D({.channels = 6, .kernel_size = 5, .activation = activation}))
        .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
        .add(nn::Conv2D({.channels = 16, .kernel_size = 5, .activation = activation}))
        .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
        .add(nn::Dense(120, activation))
        .add(nn::Dense(84, activation))
        .add(nn::Dense(10));
    return net;
  };
  nn::Sequential net = lenet("sigmoid");

  //! Before training we push a single random $28 \times 28$ image through the
  //! network one layer at a time and print the shape of what comes out. The
  //! weights start from Xavier's initializer, which scales the random weights of
  //! each layer to its number of inputs and outputs; with sigmoids and the
  //! default $\mathcal{U}(-0.07, 0.07)$ the signals of this network would start
  //! out very small.
  const Device device = chapter.device();
  net.initialize(init::Xavier());
  auto X = nd::random::uniform(0, 1, {1, 1, 28, 28});
  for (const auto& layer : net) {
    X = (*layer)(X);
    std::cout << layer->prefix() << " output shape:\t" << shape_str(X.shape()) << "\n";
  }
  std::cout << net << "\n";
  int64_t num_params = 0;
  for (const auto& p : net.collect_params()) num_params += p.data().size();
  std::cout << num_params << " parameters\n";
  chapter.result("output_shape", std::vector<double>(X.shape().begin(), X.shape().end()));
  chapter.result("num_params", static_cast<double>(num_params));

  //! ## Data and Training
  //!
  //! Convolutions cost more arithmetic per parameter than dense layers: each
  //! weight of the first layer is used at all $24 \times 24$ positions. On a GPU
  //! that work is fast, so `train_ch5` takes the device to train on
  //! (`--device gpu`) and moves every batch there with `as_in_context` before the
  //! forward pass; the network's parameters must live on the same device. The
  //! loop is that of `train_ch3`, with the softmax cross-entropy loss built in,
  //! and each epoch line also reports its time and how many training examples
  //! per second went through.
  //!
  //! The book's learning rate of 0.9 is much larger than the 0.1 of softmax
  //! regression. A sigmoid network starts slowly: the gradient that reaches the
  //! first layers passes through four sigmoids, each of which scales it by at
  //! most $1/4$, and in the first epoch the network barely beats guessing. How
  //! long the plateau lasts depends on the random start: try `--seed 4`, with
  //! which the network stays at chance level for two whole epochs.
  chapter.section("Data and Training");
  const int epochs = chapter.epochs();
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, /*resize=*/0, chapter.num_train(), chapter.num_test());
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history =
      book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device, epochs);
  book::show_history(chapter, history, "LeNet (sigmoid)",
                     "Training loss, training accuracy and test accuracy");

  //! After five epochs LeNet is still behind softmax regression (0.83) and the MLP
  //! (0.86), although it has far fewer parameters than the MLP (about 44 thousand
  //! against 200 thousand). The sigmoids are to blame, as the next section shows.
  //! With seeds 0 to 4 this program ends between 0.742 and 0.773; the MXNet
  //! edition's code in MXNet 1.9.1 on the same machine (seeds 0 to 3), between
  //! 0.748 and 0.766. The spread is wide because the epoch in which the network
  //! leaves its plateau depends on the seed.

  //! ## Replacing Sigmoid with ReLU
  //!
  //! The same network with ReLU activations passes gradients through its layers
  //! undiminished wherever a unit is active, so it learns from the first epoch
  //! on. It also needs a smaller learning rate: at 0.9 the ReLU network's
  //! updates are so large that it never leaves chance level. With 0.1 it is
  //! past 70% test accuracy after a single epoch, where the sigmoid network is
  //! still guessing, and it stays well ahead of it to the end: 0.852 to 0.861
  //! after five epochs with seeds 0 to 4, where MXNet 1.9.1 gets 0.845 to 0.861.
  //! Swapping the activation is all that changed; the next part of the book adds
  //! the other ingredients of modern convolutional networks.
  chapter.section("Replacing Sigmoid with ReLU");
  nn::Sequential relu_net = lenet("relu");
  relu_net.initialize(init::Xavier());
  gluon::Trainer relu_trainer(relu_net.collect_params(), "sgd", {.learning_rate = 0.1f});
  auto relu_history = book::train_ch5(relu_net, train_iter, test_iter, batch_size,
                                      relu_trainer, device, epochs);
  book::show_history(chapter, relu_history, "LeNet (ReLU, lr 0.1)",
                     "The same curves for LeNet with ReLU", "relu_");

  //! Epoch by epoch, the two networks compare like this:
  book::compare_histories(chapter, {{"sigmoid", history}, {"ReLU", relu_history}},
                          "LeNet with sigmoids and with ReLUs, epoch by epoch");

  //! ## Exercises
  //!
  //! 1. Train the ReLU network with learning rates 0.03, 0.3 and 0.9. Where does
  //!    it stop learning? Why does the sigmoid network need a large learning rate
  //!    when the ReLU network cannot take one?
  //! 2. Replace the max pooling with `nn::AvgPool2D`, as in the original LeNet.
  //!    Does it matter here?
  //! 3. Make the network larger: more channels in the convolutions, a third
  //!    convolution, more dense units. How does the accuracy change, and how much
  //!    longer does an epoch take?
  //! 4. Print the 6 feature maps that the first layer (after its sigmoid) produces
  //!    for a sneaker and for a coat, as images with `show_images`. What do they
  //!    respond to?
  //! 5. Count the multiplications of one forward pass per layer. Which layer is
  //!    the most expensive, and which has the most parameters?
}
