//! # Networks Using Blocks (VGG)
//!
//! AlexNet showed that deep convolutional networks work, but it was designed
//! one layer at a time: this window here, that many channels there. It gave no
//! rule for building the next, deeper network. The Visual Geometry Group at
//! Oxford (Karen Simonyan and Andrew Zisserman, 2014) gave one: stack copies
//! of a single *block* and vary only how many copies and how many channels.
//! Thinking in blocks instead of layers has stayed with the field since; every
//! network in the rest of this part is written that way.
#include <d2l/d2l.hpp>
#include <iostream>
#include <utility>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter =
      Chapter(argc, argv,
              {.epochs = 5,
               .batch_size = 128,
               .lr = 0.05,
               .resize = 224,
               .cpu = {.epochs = 3,
                       .batch_size = 32,
                       .num_train = 8000,
                       .num_test = 2000,
                       .resize = 64},
               .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 64}});

  //! ## VGG Blocks
  //!
  //! A VGG block is a run of $3 \times 3$ convolutions with padding 1, each
  //! followed by a ReLU, and then a $2 \times 2$ max pooling with stride 2. The
  //! convolutions keep height and width; the pooling halves them. Why only
  //! $3 \times 3$ windows? Two of them in a row see a $5 \times 5$ patch of the
  //! input, three see $7 \times 7$, with fewer parameters than one large window
  //! ($2 \cdot 9 c^2$ against $25 c^2$ for $c$ channels in and out) and a
  //! nonlinearity in between. Deep and narrow beat shallow and wide.
  //!
  //! The function takes the number of convolutions and their output channels,
  //! and returns the block as an `nn::Sequential`, which is itself a block.
  chapter.section("VGG Blocks");
  auto vgg_block = [](int num_convs, int64_t num_channels) {
    nn::Sequential blk;
    for (int i = 0; i < num_convs; ++i) {
      blk.add(nn::Conv2D(num_channels, 3, /*strides=*/1, /*padding=*/1, "relu"));
    }
    blk.add(nn::MaxPool2D(2, 2));
    return blk;
  };

  //! ## The VGG Network
  //!
  //! Like AlexNet, VGG has a convolutional part and a dense part. The
  //! convolutional part is five VGG blocks; the dense part is AlexNet's, two
  //! layers of 4096 units with dropout. The architecture is a list of
  //! (convolutions, channels) pairs, one per block. VGG-11 has 1, 1, 2, 2 and 2
  //! convolutions in its blocks, 8 in all, plus the 3 dense layers: 11 layers
  //! with weights. Its channels double from block to block, from 64 to 512,
  //! while each pooling halves height and width, so every block does about the
  //! same amount of work.
  chapter.section("The VGG Network");
  using ConvArch = std::vector<std::pair<int, int64_t>>;
  auto vgg = [&](const ConvArch& conv_arch) {
    nn::Sequential net;
    for (const auto& [num_convs, num_channels] : conv_arch) {
      net.add(vgg_block(num_convs, num_channels));
    }
    net.add(nn::Dense(4096, "relu"), nn::Dropout(0.5), nn::Dense(4096, "relu"),
            nn::Dropout(0.5), nn::Dense(10));
    return net;
  };

  //! Five blocks of pooling turn a $224 \times 224$ image into $7 \times 7$
  //! maps. Each block's output shape shows the trade: height and width halve,
  //! channels double.
  const ConvArch conv_arch = {{1, 64}, {1, 128}, {2, 256}, {2, 512}, {2, 512}};
  const int64_t side = chapter.resize();
  {
    nn::Sequential full = vgg(conv_arch);
    full.initialize();
    book::print_output_shapes(full, nd::random::uniform(0, 1, {1, 1, side, side}));
    std::cout << book::num_parameters(full) << " parameters\n";
  }

  //! ## Training
  //!
  //! VGG-11 does far more arithmetic than AlexNet: about 7.6 billion
  //! multiply-adds per $224 \times 224$ colour image against AlexNet's 0.7 billion.
  //! Fashion-MNIST does not need that many channels, so, as the book does, we
  //! divide every block's channels by 4. That cuts the convolutions' work by
  //! about 16, and the network still learns the dataset well. The learning
  //! rate is 0.05.
  //!
  //! At the book's settings this network reaches a test accuracy of about 0.91
  //! after 5 epochs on a GPU. The CPU profile uses $64 \times 64$ images, which
  //! five poolings turn into $2 \times 2$ maps, and 8,000 training images for
  //! three epochs. Like AlexNet, VGG has no batch normalization and spends its
  //! first couple of hundred steps near the loss of guessing, so the profile
  //! uses batches of 32, for 750 steps in all. In three runs (seeds 0 and 1
  //! with `bench/cpu_profile_bands.py`, and this page's seed 0 a few commits
  //! later) it ended at a test accuracy between 0.75 and 0.78 and a training
  //! loss between 0.70 and 0.71; the curve is still falling steeply there, and
  //! more epochs keep paying.
  chapter.section("Training");
  ConvArch small_conv_arch;
  for (const auto& [num_convs, num_channels] : conv_arch) {
    small_conv_arch.emplace_back(num_convs, num_channels / 4);
  }
  nn::Sequential net = vgg(small_conv_arch);
  net.initialize(init::Xavier());
  book::describe_network(chapter, net, side);
  chapter.result("num_blocks", static_cast<double>(net.size() - 5));
  chapter.result("input_side", static_cast<double>(side));

  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, side, chapter.num_train(), chapter.num_test());
  const Device device = chapter.device();
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history = book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device,
                                 chapter.epochs());
  book::show_history(chapter, history, "VGG-11, channels / 4",
                     "VGG-11 with a quarter of the channels");

  //! ## Exercises
  //!
  //! 1. Print the shapes of the full VGG-11 at $224 \times 224$ (`--resize 224`)
  //!    and count the parameters of each block. Where are most of them?
  //! 2. VGG-16 has blocks of 2, 2, 3, 3 and 3 convolutions, VGG-19 of 2, 2, 4, 4
  //!    and 4. Build them from `vgg()` and compare their numbers of parameters.
  //! 3. Replace each pair of $3 \times 3$ convolutions by one $5 \times 5$
  //!    convolution. How do the parameters and the accuracy change?
}
