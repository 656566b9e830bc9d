//! # Network in Network (NiN)
//!
//! LeNet, AlexNet and VGG share one design: convolutions and pooling extract
//! features, and a few dense layers on top classify them. The dense layers are
//! expensive. AlexNet's first one has 26 million parameters, VGG-11's 100
//! million, and they are the part of the network that overfits most easily.
//! And once the features are flattened for them, the spatial structure of the
//! image is gone.
//!
//! Network in Network (Min Lin, Qiang Chen and Shuicheng Yan, 2013) asked
//! whether the dense layers could be dropped altogether. Its answer has two
//! parts: mix channels with $1 \times 1$ convolutions at every position, and
//! let the last layer produce one channel per class and average each over the
//! whole image.
#include <d2l/d2l.hpp>
#include <iostream>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter =
      Chapter(argc, argv,
              {.epochs = 5,
               .batch_size = 128,
               .lr = 0.1,
               .resize = 224,
               .cpu = {.epochs = 3,
                       .batch_size = 32,
                       .num_train = 8000,
                       .num_test = 2000,
                       .resize = 112},
               .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 112}});

  //! ## NiN Blocks
  //!
  //! A $1 \times 1$ convolution looks at a single pixel, but at all its
  //! channels: at every position it is a dense layer from the input channels to
  //! the output channels, with the same weights at every position. A NiN block
  //! is an ordinary convolution followed by two such $1 \times 1$ convolutions,
  //! each with a ReLU: a small multilayer perceptron applied to every pixel's
  //! channel vector, the "network in the network" of the name.
  chapter.section("NiN Blocks");
  auto nin_block = [](int64_t num_channels, Pair2 kernel_size, Pair2 strides,
                      Pair2 padding) {
    nn::Sequential blk;
    blk.add(nn::Conv2D(num_channels, kernel_size, strides, padding, "relu"),
            nn::Conv2D(num_channels, 1, "relu"), nn::Conv2D(num_channels, 1, "relu"));
    return blk;
  };

  //! ## The NiN Model
  //!
  //! NiN keeps AlexNet's window sizes and channels: blocks with $11 \times 11$,
  //! $5 \times 5$ and $3 \times 3$ windows and 96, 256 and 384 channels, each
  //! followed by $3 \times 3$ max pooling with stride 2. Then, instead of the
  //! dense layers, a last NiN block has as many output channels as there are
  //! classes, 10, and global average pooling turns each of those channels into
  //! one number: the score of its class. Dropout before the last block takes
  //! the place of AlexNet's dropout between dense layers.
  //!
  //! The network has no dense layer at all, and its parameters drop from
  //! AlexNet's 47 million to about 2 million.
  chapter.section("The NiN Model");
  nn::Sequential net;
  net.add(nin_block(96, 11, 4, 0), nn::MaxPool2D(3, 2), nin_block(256, 5, 1, 2),
          nn::MaxPool2D(3, 2), nin_block(384, 3, 1, 1), nn::MaxPool2D(3, 2),
          nn::Dropout(0.5));
  // One channel per class, each averaged over the image: (N, 10, 1, 1) -> (N, 10).
  net.add(nin_block(10, 3, 1, 1), nn::GlobalAvgPool2D(), nn::Flatten());

  const int64_t side = chapter.resize();
  net.initialize(init::Xavier());
  book::describe_network(chapter, net, side);

  //! ## Training
  //!
  //! The book trains NiN with a learning rate of 0.1, on $224 \times 224$
  //! images, for 5 epochs, and reports a test accuracy of about 0.81, below
  //! AlexNet's, with curves that vary a lot from run to run. Two things make
  //! its start fragile. Like AlexNet and VGG, it is a deep stack without batch
  //! normalization, whose loss sits at $\log 10 = 2.30$, the loss of guessing,
  //! for a while before it falls; and its learning rate is ten times
  //! AlexNet's. The second is particular to NiN: the last convolution ends
  //! with a ReLU, so the ten class scores can never be negative. Wherever a
  //! class's channel is negative, the ReLU outputs exactly 0 and passes no
  //! gradient back, and a large step can push a channel below zero at most
  //! pixels of most images at once. Then the scores of several classes are
  //! all 0 and stay there until the layers below drift back, which is what
  //! the long flat stretches of loss and the jumps in the test accuracy show.
  //! The exercises try the two obvious cures.
  //!
  //! The CPU profile uses $112 \times 112$ images, 8,000 of them, for three
  //! epochs in batches of 32 (750 steps). It shows the plateau plainly. In
  //! five runs of this profile (seeds 0 to 2, two of them twice) the loss
  //! stayed at 2.30 through the whole first epoch every time; the runs then
  //! ended anywhere between a test accuracy of 0.56 and 0.10, the last a run
  //! whose loss never left the plateau at all. The same network, data and
  //! learning rate; only the random start (and, in the two repeated runs,
  //! the order in which a parallel sum was added) differed.
  chapter.section("Training");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, side, chapter.num_train(), chapter.num_test());
  const Device device = chapter.device();
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history = book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device,
                                 chapter.epochs());
  book::show_history(chapter, history, "NiN",
                     "NiN: training loss, training and test accuracy");

  //! ## Exercises
  //!
  //! 1. Remove the ReLU of the very last convolution (build the last block
  //!    without it). Is training steadier at lr 0.1?
  //! 2. Keep the ReLU and lower the learning rate to 0.05 (`--lr 0.05`). Which
  //!    cure works better in five epochs?
  //! 3. Why does NiN need two $1 \times 1$ convolutions per block? Try one.
  //! 4. Count the parameters and the multiply-adds of each block. How do they
  //!    compare with AlexNet's?
}
