// The check of relu_lenet: the network's output shape and number of
// parameters, then one epoch on 12,000 Fashion-MNIST images for it (at its
// learning rate) and for the sigmoid LeNet at 0.9, compared on 2,000 test images.
#include "relu_lenet.hpp"

#include <string>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "relu_lenet", "05_cnn/lenet/relu_lenet.cpp", [](exercise::Checks& check) {
        nd::random::seed(1);
        nn::Sequential net = relu_lenet();
        net.initialize(init::Xavier());
        NDArray out = net(nd::random::uniform(0, 1, {2, 1, 28, 28}));
        check.that(out.shape() == Shape{2, 10},
                   "two images give scores of shape (2, 10) (got " +
                       shape_str(out.shape()) + ")");
        int64_t num_params = 0;
        for (const auto& p : net.collect_params()) num_params += p.data().size();
        check.that(num_params == 44426,
                   "the network has LeNet's 44426 parameters (got " +
                       std::to_string(num_params) + ")",
                   "keep the section's layers and sizes; only the activation changes");

        nn::Sequential sigmoid_net;
        sigmoid_net
            .add(nn::Conv2D({.channels = 6, .kernel_size = 5, .activation = "sigmoid"}))
            .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
            .add(nn::Conv2D({.channels = 16, .kernel_size = 5, .activation = "sigmoid"}))
            .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
            .add(nn::Dense(120, "sigmoid"))
            .add(nn::Dense(84, "sigmoid"))
            .add(nn::Dense(10));
        sigmoid_net.initialize(init::Xavier());

        const int64_t batch_size = 64;
        auto [train_iter, test_iter] = book::load_data_fashion_mnist(
            batch_size, /*resize=*/0, /*num_train=*/12000, /*num_test=*/2000);
        const float lr = relu_lenet_lr();
        gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = lr});
        gluon::Trainer sigmoid_trainer(sigmoid_net.collect_params(), "sgd",
                                       {.learning_rate = 0.9f});
        auto ours =
            book::train_ch5(net, train_iter, test_iter, batch_size, trainer, cpu(), 1);
        auto theirs = book::train_ch5(sigmoid_net, train_iter, test_iter, batch_size,
                                      sigmoid_trainer, cpu(), 1);
        const double acc = ours.test_acc.back(), sig = theirs.test_acc.back();
        check.that(acc >= 0.5 && acc >= sig + 0.15,
                   "after one epoch on 12000 images the ReLU LeNet (lr " +
                       std::to_string(lr) +
                       ") reaches a test accuracy of at least 0.5, "
                       "and 0.15 above the sigmoid LeNet at lr 0.9 (ReLU " +
                       std::to_string(acc) + ", sigmoid " + std::to_string(sig) + ")",
                   "near 0.1 (chance) the ReLU network never left its start: the "
                   "learning rate is too large, as 0.9 is; a little learning with "
                   "the sigmoid one close behind: too small");
      });
}
