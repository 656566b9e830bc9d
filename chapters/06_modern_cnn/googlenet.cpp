//! # Networks with Parallel Concatenations (GoogLeNet)
//!
//! Which window should a convolution have? LeNet used $5 \times 5$, AlexNet
//! $11 \times 11$ at first and $3 \times 3$ later, VGG only $3 \times 3$, NiN
//! $1 \times 1$ in between. GoogLeNet (Christian Szegedy and colleagues, the
//! winner of ImageNet 2014) declined to choose: each of its blocks runs
//! several window sizes side by side and lets training decide how much each
//! one contributes. It borrowed NiN's $1 \times 1$ convolutions and global
//! average pooling, and it was the first of these networks whose design
//! aimed at accuracy *per unit of arithmetic*.
#include <d2l/d2l.hpp>
#include <iostream>
#include <memory>
#include <utility>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter =
      Chapter(argc, argv,
              {.epochs = 5,
               .batch_size = 128,
               .lr = 0.1,
               .resize = 96,
               .cpu = {.epochs = 3,
                       .batch_size = 32,
                       .num_train = 10000,
                       .num_test = 2000,
                       .resize = 48},
               .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 48}});

  //! ## Inception Blocks
  //!
  //! GoogLeNet's block is called Inception. It has four paths that all see the
  //! same input:
  //!
  //! 1. a $1 \times 1$ convolution;
  //! 2. a $1 \times 1$ convolution that reduces the channels, then a $3 \times 3$
  //!    convolution;
  //! 3. a $1 \times 1$ reduction, then a $5 \times 5$ convolution;
  //! 4. $3 \times 3$ max pooling with stride 1, then a $1 \times 1$ convolution.
  //!
  //! Every path pads so that height and width stay as they are, and the block's
  //! output stacks the four results along the channel axis with `nd::concat`.
  //! The $1 \times 1$ reductions before the large windows are what make the
  //! block affordable: a $5 \times 5$ convolution from 192 channels to 32 costs
  //! $25 \cdot 192 \cdot 32$ multiply-adds per pixel, but after a reduction to
  //! 16 channels only $192 \cdot 16 + 25 \cdot 16 \cdot 32$, almost ten times less.
  //!
  //! The numbers of output channels per path, `c1` to `c4`, are the block's
  //! hyperparameters (the second and third paths take a pair: reduction, then
  //! output). The block is a `gluon::Block` of our own with seven child layers,
  //! registered so that `initialize()` and the trainer find them.
  chapter.section("Inception Blocks");
  class Inception : public gluon::Block {
   public:
    Inception(int64_t c1, std::pair<int64_t, int64_t> c2, std::pair<int64_t, int64_t> c3,
              int64_t c4) {
      p1_1 = register_child(std::make_shared<nn::Conv2D>(c1, 1, "relu"), "p1_1");
      p2_1 = register_child(std::make_shared<nn::Conv2D>(c2.first, 1, "relu"), "p2_1");
      p2_2 = register_child(std::make_shared<nn::Conv2D>(c2.second, 3, 1, 1, "relu"),
                            "p2_2");
      p3_1 = register_child(std::make_shared<nn::Conv2D>(c3.first, 1, "relu"), "p3_1");
      p3_2 = register_child(std::make_shared<nn::Conv2D>(c3.second, 5, 1, 2, "relu"),
                            "p3_2");
      p4_1 = register_child(std::make_shared<nn::MaxPool2D>(3, 1, 1), "p4_1");
      p4_2 = register_child(std::make_shared<nn::Conv2D>(c4, 1, "relu"), "p4_2");
    }

    NDArray forward(const NDArray& x) override {
      NDArray p1 = (*p1_1)(x);
      NDArray p2 = (*p2_2)((*p2_1)(x));
      NDArray p3 = (*p3_2)((*p3_1)(x));
      NDArray p4 = (*p4_2)((*p4_1)(x));
      return nd::concat({p1, p2, p3, p4}, /*dim=*/1);  // stack along the channels
    }

   private:
    std::shared_ptr<nn::Conv2D> p1_1, p2_1, p2_2, p3_1, p3_2, p4_2;
    std::shared_ptr<nn::MaxPool2D> p4_1;
  };

  //! ## The GoogLeNet Model
  //!
  //! GoogLeNet is five stages, each ending with $3 \times 3$ max pooling with
  //! stride 2 (the last with global average pooling instead), so each stage
  //! halves height and width.
  //!
  //! * `b1`: a $7 \times 7$ convolution with 64 channels and stride 2, then
  //!   pooling, as in the first layers of AlexNet.
  //! * `b2`: a $1 \times 1$ convolution and a $3 \times 3$ convolution with 192
  //!   channels.
  //! * `b3`: two Inception blocks, with $64 + 128 + 32 + 32 = 256$ and
  //!   $128 + 192 + 96 + 64 = 480$ output channels. The splits between the
  //!   paths came from experiments on ImageNet.
  //! * `b4`: five Inception blocks, ending at 832 channels.
  //! * `b5`: two more, ending at 1024 channels, then global average pooling, as
  //!   in NiN, so that a single dense layer maps 1024 numbers to the classes.
  chapter.section("The GoogLeNet Model");
  nn::Sequential b1, b2, b3, b4, b5;
  b1.add(nn::Conv2D(64, 7, /*strides=*/2, /*padding=*/3, "relu"), nn::MaxPool2D(3, 2, 1));
  b2.add(nn::Conv2D(64, 1, "relu"), nn::Conv2D(192, 3, 1, 1, "relu"),
         nn::MaxPool2D(3, 2, 1));
  b3.add(Inception(64, {96, 128}, {16, 32}, 32), Inception(128, {128, 192}, {32, 96}, 64),
         nn::MaxPool2D(3, 2, 1));
  b4.add(
      Inception(192, {96, 208}, {16, 48}, 64), Inception(160, {112, 224}, {24, 64}, 64),
      Inception(128, {128, 256}, {24, 64}, 64), Inception(112, {144, 288}, {32, 64}, 64),
      Inception(256, {160, 320}, {32, 128}, 128), nn::MaxPool2D(3, 2, 1));
  b5.add(Inception(256, {160, 320}, {32, 128}, 128),
         Inception(384, {192, 384}, {48, 128}, 128), nn::GlobalAvgPool2D());
  nn::Sequential net;
  net.add(b1, b2, b3, b4, b5, nn::Dense(10));

  //! The original network works on $224 \times 224$ images; to keep the
  //! training affordable the book feeds it $96 \times 96$ images, which the
  //! stages take down to $1 \times 1$ by the end of `b5`. The CPU profile goes
  //! further, to $48 \times 48$: the same network, with four times less work
  //! per image, whose stages end at $2 \times 2$ already in `b4`.
  const int64_t side = chapter.resize();
  net.initialize(init::Xavier());
  book::describe_network(chapter, net, side);

  //! ## Training
  //!
  //! The book trains GoogLeNet with lr 0.1 for 5 epochs and reaches a test
  //! accuracy of about 0.88 on a GPU. GoogLeNet has no batch normalization (it
  //! came a year later), and with 22 layers between input and output the
  //! first steps are slow: the loss stays near 2.30 for a few hundred steps
  //! before it drops. The CPU profile therefore trains in batches of 32, on
  //! 10,000 training images of $48 \times 48$ for three epochs (about 940
  //! steps). With seed 0 (the run below) it ended at a test accuracy of 0.651
  //! and a training loss of 0.94; seed 1 ended at 0.737 and 0.87. The loss is
  //! still falling fast.
  chapter.section("Training");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, side, chapter.num_train(), chapter.num_test());
  const Device device = chapter.device();
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history = book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device,
                                 chapter.epochs());
  book::show_history(chapter, history, "GoogLeNet",
                     "GoogLeNet: training loss, training and test accuracy");

  //! ## Exercises
  //!
  //! 1. Later versions of Inception added batch normalization (Inception v2)
  //!    and replaced the $5 \times 5$ path by two $3 \times 3$ convolutions
  //!    (v3). Add `nn::BatchNorm()` after each convolution of the block. How
  //!    does the first epoch change?
  //! 2. Count the multiply-adds of one Inception block with and without the
  //!    $1 \times 1$ reductions.
  //! 3. Why does GoogLeNet need so few parameters for its depth? Compare with
  //!    AlexNet and VGG.
}
