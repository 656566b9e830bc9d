//! # Deep Convolutional Neural Networks (AlexNet)
//!
//! LeNet worked on digits in the 1990s, yet for the next fifteen years most
//! computer vision did not use learned features at all. A typical system
//! computed hand-designed descriptors of an image (SIFT, HOG, bags of visual
//! words), and only the classifier on top of them was trained. Neural networks
//! lost out for two practical reasons: datasets were small, and computers were
//! too slow to train a large network on a large dataset.
//!
//! Both changed at about the same time. ImageNet (2009) offered 1.2 million
//! labelled photographs in 1000 classes, and GPUs, built for graphics, turned
//! out to multiply matrices tens of times faster than CPUs. In 2012 AlexNet, by
//! Alex Krizhevsky, Ilya Sutskever and Geoffrey Hinton, trained a network much
//! deeper and wider than LeNet on two GPUs and won the ImageNet challenge by a
//! large margin. Its first layers learned by themselves filters that look like
//! edge and colour detectors, the kind of features people used to design by
//! hand; higher layers combined them into parts of objects.
//!
//! This section builds a slightly simplified AlexNet for Fashion-MNIST and
//! trains it with the same loop as LeNet.
#include <d2l/d2l.hpp>
#include <iostream>

using namespace d2l;

int main(int argc, char** argv) {
  // The book trains on 224x224 images for 5 epochs; a CPU gets a smaller run
  // (the first line of the output says which one ran).
  auto chapter =
      Chapter(argc, argv,
              {.epochs = 5,
               .batch_size = 128,
               .lr = 0.01,
               .resize = 224,
               .cpu = {.epochs = 3,
                       .batch_size = 32,
                       .num_train = 7000,
                       .num_test = 2000,
                       .resize = 112},
               .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 112}});

  //! ## Architecture
  //!
  //! AlexNet has eight layers with weights: five convolutions and three dense
  //! layers. Compared with LeNet it changed four things.
  //!
  //! * **Size.** The first convolution has an $11 \times 11$ window, because
  //!   ImageNet's photographs are $224 \times 224$ and an object covers many more
  //!   pixels than a handwritten digit does; its stride of 4 shrinks the image
  //!   quickly. Later convolutions have windows of 5 and 3, and far more
  //!   channels than LeNet: up to 384. The two hidden dense layers have 4096
  //!   units each, which is where most of the network's 47 million parameters
  //!   sit (for 10 classes; the first dense layer alone has 26 million).
  //! * **ReLU instead of sigmoid.** The ReLU's gradient is 1 for every positive
  //!   input, so gradients do not shrink layer after layer, and it is cheaper to
  //!   compute. With a sigmoid, a poorly initialized deep network may barely
  //!   train at all.
  //! * **Dropout** (probability 0.5) after each hidden dense layer, because those
  //!   two layers alone could memorize the training set.
  //! * **Data augmentation**: the original training flipped, cropped and
  //!   recoloured the images, so that the network saw a slightly different
  //!   picture each time. We skip that here.
  //!
  //! The original network was split over two GPUs with 3 GB of memory each; on
  //! today's hardware it fits on one, and the split is not needed.
  chapter.section("Architecture");
  nn::Sequential net;
  // Large windows and a big stride first, to capture objects in big images.
  net.add(nn::Conv2D(96, 11, /*strides=*/4, "relu"), nn::MaxPool2D(3, 2));
  // Smaller windows, padding 2 keeps height and width, more channels.
  net.add(nn::Conv2D(256, 5, 1, /*padding=*/2, "relu"), nn::MaxPool2D(3, 2));
  // Three 3x3 convolutions in a row, the last two without pooling in between.
  net.add(nn::Conv2D(384, 3, 1, 1, "relu"), nn::Conv2D(384, 3, 1, 1, "relu"),
          nn::Conv2D(256, 3, 1, 1, "relu"), nn::MaxPool2D(3, 2));
  // Two wide dense layers with dropout, then the 10 classes of Fashion-MNIST.
  net.add(nn::Dense(4096, "relu"), nn::Dropout(0.5), nn::Dense(4096, "relu"),
          nn::Dropout(0.5), nn::Dense(10));

  //! We push one single-channel image of the size this run uses through the
  //! network and print the shape after every layer. At $224 \times 224$ the
  //! first convolution gives $54 \times 54$ maps, and the last pooling layer
  //! leaves $256 \times 5 \times 5$ values per image for the dense layers.
  //! (On the CPU profile the images are $112 \times 112$ and the last pooling
  //! layer leaves $256 \times 2 \times 2$, so the first dense layer has 1024
  //! inputs instead of 6400; the convolutions have the same weights at any
  //! image size.)
  const int64_t side = chapter.resize();
  net.initialize(init::Xavier());
  book::describe_network(chapter, net, side);
  chapter.result("input_side", static_cast<double>(side));

  //! ## Reading the Dataset
  //!
  //! Fashion-MNIST's images are $28 \times 28$; we upsample them to the size
  //! AlexNet was designed for. That wastes work (the extra pixels carry no
  //! information), but it keeps the architecture as it was, and it is what the
  //! book does. `load_data_fashion_mnist` resizes every batch as it loads it,
  //! with bilinear interpolation.
  chapter.section("Reading the Dataset");
  const int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, side, chapter.num_train(), chapter.num_test());
  std::cout << train_iter.dataset().size() << " training and "
            << test_iter.dataset().size() << " test images, resized to " << side << "x"
            << side << "\n";

  //! ## Training
  //!
  //! We train with `train_ch5` and the book's learning rate of 0.01, smaller
  //! than LeNet's because the network is deeper and its ReLUs pass gradients on
  //! undamped. At the book's settings (224, all 60,000 images, 5 epochs) AlexNet
  //! reaches a test accuracy of about 0.87 on a GPU, a little better than LeNet,
  //! and each epoch takes a CPU many minutes.
  //!
  //! The CPU profile trains on $112 \times 112$ images, 7,000 of them, for three
  //! epochs, in batches of 32 instead of 128. The smaller batches are there
  //! because of how this network starts: with a learning rate of 0.01 and no
  //! batch normalization, its loss sits at $\log 10 = 2.30$, the loss of
  //! guessing, for the first couple of hundred steps, and only then begins to
  //! fall. What matters for getting past that is the number of steps, not the
  //! number of images, and batches of 32 give four times as many steps for the
  //! same work: about 660 here. The curve below shows the plateau and the descent.
  //! With seed 0 this run ends at a test accuracy of about 0.63 and a training
  //! loss of 1.06, in just under five minutes on two cores; with 8,000 images
  //! instead of 7,000, seeds 0 and 1 ended at 0.67 and 0.63. That is still far
  //! from the book's 0.87, and still improving quickly: AlexNet needs its
  //! full-size images and many more steps.
  chapter.section("Training");
  const Device device = chapter.device();
  gluon::Trainer trainer(net.collect_params(), "sgd",
                         {.learning_rate = static_cast<float>(chapter.lr())});
  auto history = book::train_ch5(net, train_iter, test_iter, batch_size, trainer, device,
                                 chapter.epochs());
  book::show_history(chapter, history, "AlexNet",
                     "AlexNet: training loss, training and test accuracy");

  //! ## Exercises
  //!
  //! 1. Run the book's profile (`--profile book`, on a GPU with `--device gpu`).
  //!    How much better than LeNet is AlexNet on Fashion-MNIST, and what does
  //!    each epoch cost?
  //! 2. Print the number of parameters of each layer. Which layers hold most of
  //!    them, and which layers do most of the arithmetic?
  //! 3. Remove the two dropout layers. What happens to the gap between training
  //!    and test accuracy?
  //! 4. Try a sigmoid in place of every ReLU. Does the network still learn at
  //!    lr 0.01?
}
