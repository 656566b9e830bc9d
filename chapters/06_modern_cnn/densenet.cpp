//! # Densely Connected Networks (DenseNet)
//!
//! A residual block computes $\mathbf{x} + g(\mathbf{x})$: the block's input
//! and what the block made of it, *added* together. DenseNet (Gao Huang,
//! Zhuang Liu, Laurens van der Maaten and Kilian Weinberger, 2017) asks what
//! happens if the two are *concatenated* instead, so that nothing earlier
//! layers computed is ever blended away. Taken to its end, every layer then
//! sees the outputs of all the layers before it in its block:
//!
//! $$\mathbf{x} \to \left[\mathbf{x},\ f_1(\mathbf{x}),\
//!   f_2([\mathbf{x}, f_1(\mathbf{x})]),\ \ldots\right].$$
//!
//! Layers can then be narrow (each adds only a few channels of its own), and
//! features are reused instead of recomputed. The price is that the number of
//! channels grows with every layer, which the network has to keep in check.
#include <d2l/d2l.hpp>
#include <iostream>
#include <memory>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter =
      Chapter(argc, argv,
              {.epochs = 5,
               .batch_size = 256,
               .lr = 0.1,
               .resize = 96,
               .cpu = {.epochs = 3,
                       .batch_size = 64,
                       .num_train = 10000,
                       .num_test = 2000,
                       .resize = 32},
               .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 32}});

  //! ## Dense Blocks
  //!
  //! DenseNet uses the "batch normalization, ReLU, convolution" order of the
  //! later ResNet versions: each convolution block normalizes and activates its
  //! input, then applies a $3 \times 3$ convolution that produces
  //! `num_channels` new channels.
  //!
  //! A dense block is a run of such convolution blocks. Each one's output is
  //! concatenated to its input along the channels, and the result is the next
  //! one's input. So a block with $k$ convolution blocks of $g$ channels turns
  //! $c$ input channels into $c + k g$; $g$ is called the *growth rate*.
  chapter.section("Dense Blocks");
  class DenseBlock : public gluon::Block {
   public:
    // batch norm, ReLU, 3x3 convolution: (n, c, h, w) -> (n, num_channels, h, w)
    static nn::Sequential conv_block(int64_t num_channels) {
      nn::Sequential blk;
      blk.add(nn::BatchNorm(), nn::Activation("relu"),
              nn::Conv2D(num_channels, 3, /*strides=*/1, /*padding=*/1));
      return blk;
    }

    DenseBlock(int num_convs, int64_t num_channels) {
      net = register_child(std::make_shared<nn::Sequential>(), "net");
      for (int i = 0; i < num_convs; ++i) net->add(conv_block(num_channels));
    }

    NDArray forward(const NDArray& input) override {
      NDArray X = input;
      for (const auto& blk : *net) {
        NDArray Y = (*blk)(X);
        X = nd::concat({X, Y}, /*dim=*/1);  // keep everything seen so far
      }
      return X;
    }

   private:
    std::shared_ptr<nn::Sequential> net;
  };

  //! ## Transition Layers
  //!
  //! Concatenation makes the channels grow block after block. A transition
  //! layer between dense blocks brings them back down with a $1 \times 1$
  //! convolution and halves height and width with $2 \times 2$ average pooling
  //! of stride 2, which also cuts the work of the next block by four.
  chapter.section("Transition Layers");
  auto transition_block = [](int64_t num_channels) {
    nn::Sequential blk;
    blk.add(nn::BatchNorm(), nn::Activation("relu"), nn::Conv2D(num_channels, 1),
            nn::AvgPool2D(2, 2));
    return blk;
  };

  //! A dense block of 2 convolution blocks with 10 channels each, on a batch
  //! of 3-channel $8 \times 8$ inputs, gives $3 + 2 \cdot 10 = 23$ channels;
  //! a transition layer with 10 channels then brings them to 10 and the maps to
  //! $4 \times 4$.
  DenseBlock blk(2, 10);
  blk.initialize();
  NDArray X = nd::random::uniform(0, 1, {4, 3, 8, 8});
  NDArray Y = blk(X);
  std::cout << "DenseBlock(2, 10):      " << shape_str(X.shape()) << " -> "
            << shape_str(Y.shape()) << "\n";
  nn::Sequential transition = transition_block(10);
  transition.initialize();
  NDArray T = transition(Y);
  std::cout << "transition_block(10):   " << shape_str(Y.shape()) << " -> "
            << shape_str(T.shape()) << "\n";
  chapter.result("dense_block_shape",
                 std::vector<double>(Y.shape().begin(), Y.shape().end()));
  chapter.result("transition_shape",
                 std::vector<double>(T.shape().begin(), T.shape().end()));

  //! ## The DenseNet Model
  //!
  //! DenseNet starts with ResNet's first layers: a $7 \times 7$ convolution
  //! with 64 channels and stride 2, batch normalization, ReLU and $3 \times 3$
  //! max pooling. Then come four dense blocks, as ResNet has four stages. We
  //! give each four convolution blocks with a growth rate of 32, so each dense
  //! block adds 128 channels; the transition layers between them halve the
  //! channels (and height and width). As in ResNet, global average pooling and
  //! a dense layer end the network.
  chapter.section("The DenseNet Model");
  nn::Sequential net;
  net.add(nn::Conv2D(64, 7, /*strides=*/2, /*padding=*/3), nn::BatchNorm(),
          nn::Activation("relu"), nn::MaxPool2D(3, 2, 1));
  int64_t num_channels = 64;
  const int64_t growth_rate = 32;
  const std::vector<int> num_convs_in_dense_blocks = {4, 4, 4, 4};
  for (size_t i = 0; i < num_convs_in_dense_blocks.size(); ++i) {
    const int num_convs = num_convs_in_dense_blocks[i];
    net.add(DenseBlock(num_convs, growth_rate));
    num_channels += num_convs * growth_rate;  // what this dense block added
    if (i + 1 != num_convs_in_dense_blocks.size()) {
      num_channels /= 2;  // a transition layer halves the channels
      net.add(transition_block(num_channels));
    }
  }
  net.add(nn::BatchNorm(), nn::Activation("relu"), nn::GlobalAvgPool2D(), nn::Dense(10));

  //! The channels after each dense block are $64 + 128 = 192$, then
  //! $96 + 128 = 224$, $112 + 128 = 240$ and $120 + 128 = 248$.
  const int64_t side = chapter.resize();
  net.initialize(init::Xavier());
  book::describe_network(chapter, net, side);  // parameters include running statistics
  std::cout << num_channels << " channels before the global pooling\n";
  chapter.result("final_channels", static_cast<double>(num_channels));

  //! ## Training
  //!
  //! The book trains this DenseNet with batches of 256 and lr 0.1 on $96
  //! \times 96$ images for 5 epochs, for a test accuracy of about 0.88 on a GPU.
  //! The network is narrower than ResNet-18 (under a million parameters
  //! against eleven), but its concatenations keep many feature maps alive at
  //! once, so it needs a lot of memory for its size. The CPU profile uses $32
  //! \times 32$ images and 10,000 training images for three epochs, in batches
  //! of 64. In four runs (seeds 0 to 2 with `bench/cpu_profile_bands.py`, and
  //! this page's seed 0 a few commits later) it ended at a training loss
  //! between 0.382 and 0.396, close to ResNet-18's with a fifteenth of its
  //! parameters, and at a test accuracy between 0.76 and 0.85. The test
  //! accuracy moves by several points from epoch to epoch: it is measured on
  //! only 2,000 images, with moving statistics that after so few steps still
  //! trail the batches'.
  chapter.section("Training");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, side, chapter.num_train(), chapter.num_test());
  const Device device = chapter.device();
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history = book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device,
                                 chapter.epochs());
  book::show_history(chapter, history, "DenseNet",
                     "DenseNet: training loss, training and test accuracy");

  //! ## Exercises
  //!
  //! 1. Why do the transition layers use average pooling rather than max
  //!    pooling? Try max pooling.
  //! 2. Count the parameters of this DenseNet and of ResNet-18. Then measure
  //!    their peak memory (`/usr/bin/time -v`). Why does the smaller network
  //!    need more memory?
  //! 3. DenseNet-121 has 6, 12, 24 and 16 convolution blocks per dense block
  //!    and $1 \times 1$ "bottleneck" convolutions before each $3 \times 3$
  //!    one. Build it.
}
