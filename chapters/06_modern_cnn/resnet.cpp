//! # Residual Networks (ResNet)
//!
//! Adding layers should never make a network worse, at least in principle:
//! the extra layers could learn to pass their input through unchanged, and the
//! deeper network would compute what the shallower one did. In practice,
//! plain networks of 30 or 50 layers trained *worse* than their 20-layer
//! versions, on the training set itself, so this was no overfitting. The
//! layers simply had a hard time learning to do nothing.
//!
//! Kaiming He, Xiangyu Zhang, Shaoqing Ren and Jian Sun (2015) changed what a
//! block has to learn. Instead of the desired mapping $f(\mathbf{x})$, a
//! residual block learns the difference $g(\mathbf{x}) = f(\mathbf{x}) -
//! \mathbf{x}$ and adds its input back: $f(\mathbf{x}) = g(\mathbf{x}) +
//! \mathbf{x}$. Doing nothing is now easy (push the weights of $g$ towards
//! zero), and the gradient reaches early layers through the additions
//! undamped. ResNet won ImageNet 2015 with 152 layers, and its block is in
//! almost every deep network since, far beyond vision.
#include <d2l/d2l.hpp>
#include <iostream>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter =
      Chapter(argc, argv,
              {.epochs = 5,
               .batch_size = 256,
               .lr = 0.05,
               .resize = 96,
               .cpu = {.epochs = 3,
                       .batch_size = 64,
                       .num_train = 10000,
                       .num_test = 2000,
                       .resize = 32},
               .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 32}});

  //! ## Residual Blocks
  //!
  //! ResNet's block follows VGG's taste: two $3 \times 3$ convolutions with the
  //! same number of output channels, padded so that height and width stay as
  //! they are. Each convolution is followed by batch normalization, the first
  //! also by a ReLU. Then the block's input is added to the result, and a last
  //! ReLU follows the sum.
  //!
  //! The addition needs both terms to have the same shape. When a block
  //! changes the number of channels, or halves height and width with a stride
  //! of 2, the input goes through a $1 \times 1$ convolution with the same
  //! stride and the new number of channels first (`use_1x1conv`). That
  //! convolution is a child the block only has sometimes, so the block keeps
  //! a pointer to it that stays null otherwise.
  //!
  //! Later chapters of the book build ResNets again, so the block lives in the
  //! library, as `book::Residual`; here is its source.
  //!
  //! @source lib/src/utils/resnet.cpp residual
  chapter.section("Residual Blocks");

  //! A block without the $1 \times 1$ convolution keeps the shape of its
  //! input. With it, and a stride of 2, the block doubles the channels (here
  //! from 3 to 6) and halves height and width.
  NDArray X = nd::random::uniform(0, 1, {4, 3, 6, 6});
  book::Residual same(3);
  same.initialize();
  NDArray Y = same(X);
  std::cout << "Residual(3):                  " << shape_str(X.shape()) << " -> "
            << shape_str(Y.shape()) << "\n";
  book::Residual halving(6, /*use_1x1conv=*/true, /*strides=*/2);
  halving.initialize();
  NDArray Z = halving(X);
  std::cout << "Residual(6, use_1x1conv, 2):  " << shape_str(X.shape()) << " -> "
            << shape_str(Z.shape()) << "\n";
  std::cout << halving << "\n";
  chapter.result("same_shape", std::vector<double>(Y.shape().begin(), Y.shape().end()));
  chapter.result("halving_shape",
                 std::vector<double>(Z.shape().begin(), Z.shape().end()));

  //! ## The ResNet Model
  //!
  //! ResNet begins like GoogLeNet: a $7 \times 7$ convolution with 64 channels
  //! and stride 2, then $3 \times 3$ max pooling with stride 2, with batch
  //! normalization after the convolution. Then come four *stages* of residual
  //! blocks. Each stage has a number of channels, 64, 128, 256 and 512; its
  //! first block halves height and width and doubles the channels (except in
  //! the first stage, which follows the pooling layer), and the other blocks
  //! keep both. As in NiN and GoogLeNet, global average pooling and one dense
  //! layer produce the class scores.
  //!
  //! With two blocks per stage, the network has $4 \cdot 2 \cdot 2 = 16$
  //! convolutions in its blocks, plus the first convolution and the dense
  //! layer: 18 layers with weights, hence ResNet-18. More blocks per stage give
  //! ResNet-34, and bottleneck blocks ($1 \times 1$, $3 \times 3$, $1 \times
  //! 1$) give ResNet-50 and deeper.
  //!
  //! @source lib/src/utils/resnet.cpp resnet18
  chapter.section("The ResNet Model");

  //! Every stage halves height and width and doubles the channels, so from
  //! $96 \times 96$ the maps shrink to $3 \times 3$ with 512 channels before the
  //! global pooling.
  nn::Sequential net = book::resnet18(10);
  const int64_t side = chapter.resize();
  net.initialize(init::Xavier());
  book::describe_network(chapter, net, side);  // parameters include running statistics

  //! ## Training
  //!
  //! The book trains ResNet-18 with batches of 256 and lr 0.05 on $96 \times
  //! 96$ images for 5 epochs, and it reaches a test accuracy of about 0.91 on a
  //! GPU, the best of this part. The batch normalization in every block lets
  //! the network start learning at once. The CPU profile trains on $32 \times
  //! 32$ images, where the last stage works on $1 \times 1$ maps, and on
  //! 10,000 training images for three epochs, in batches of 64 so that those
  //! epochs still make 470 steps. With seeds 0 to 2 that run ended at a test
  //! accuracy between 0.844 and 0.865 and a training loss between 0.374 and
  //! 0.397 (`bench/cpu_profile_bands.py`); already after its first epoch the
  //! test accuracy is above 0.7.
  chapter.section("Training");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, side, chapter.num_train(), chapter.num_test());
  const Device device = chapter.device();
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history = book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device,
                                 chapter.epochs());
  book::show_history(chapter, history, "ResNet-18",
                     "ResNet-18: training loss, training and test accuracy");

  //! ## Exercises
  //!
  //! 1. Build ResNet-34 (3, 4, 6 and 3 blocks per stage) with `resnet_block`.
  //!    How much slower is an epoch?
  //! 2. Remove the shortcut (return `relu(Y)` instead of `relu(Y + X)`) in a copy
  //!    of `Residual` and train the plain 18-layer network. What happens to the
  //!    first epoch?
  //! 3. The "pre-activation" ResNet moves batch normalization and ReLU in front
  //!    of each convolution. Write that block and compare.
}
