//! # Convolutions for Images
//!
//! A dense layer treats an image as a long vector: every output unit looks at
//! every pixel, and moving an object by one pixel presents the network with a
//! completely different input. Images have more structure than that. Nearby
//! pixels belong together, and a pattern means the same thing wherever it
//! appears. A convolutional layer builds both facts in: each output looks only at
//! a small window of the input, and every window is weighed with the same small
//! array of weights, the *kernel*.
//!
//! This section writes the basic operation by hand, wraps it in a layer, uses a
//! hand-made kernel to find edges, and finally lets gradient descent find that
//! kernel from examples.
#include <cmath>
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {.epochs = 10, .lr = 3e-2});

  //! ## The Cross-Correlation Operation
  //!
  //! Put the $k_h \times k_w$ kernel $\mathbf{K}$ on the top-left corner of the
  //! $n_h \times n_w$ input $\mathbf{X}$, multiply the overlapping entries and add
  //! them up: that sum is the first output. Then slide the kernel one column to the
  //! right, and so on along every row. Where the kernel fits completely, it
  //! produces one output, so the result has
  //! $(n_h - k_h + 1) \times (n_w - k_w + 1)$ entries:
  //!
  //! $$Y_{i,j} = \sum_{a=0}^{k_h-1} \sum_{b=0}^{k_w-1} X_{i+a,\,j+b}\, K_{a,b}.$$
  //!
  //! Mathematicians would flip the kernel first and call it a convolution; deep
  //! learning skips the flip (the kernel is learned anyway, so a flipped kernel is
  //! just another kernel) and keeps the name. `corr2d` computes it with two loops
  //! over the output, one slice of the input per output entry. The next section
  //! uses it too, so it lives in the library, as `book::corr2d`:
  //!
  //! @source lib/src/utils/corr2d.cpp corr2d
  chapter.section("The Cross-Correlation Operation");
  NDArray X{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}};
  NDArray K{{0, 1}, {2, 3}};
  auto Y0 = book::corr2d(X, K);
  std::cout << Y0 << "\n";
  chapter.result("corr2d_example", Y0);

  //! The library computes the same thing with `nd::convolution`, which works on
  //! whole batches of images with several channels, shaped
  //! (batch, channels, height, width). Reshaping our matrices to one image with
  //! one channel, and the kernel to one filter over one channel, lets us compare
  //! the two on random data.
  auto Xr = nd::random::normal(0, 1, {6, 8});
  auto Kr = nd::random::normal(0, 1, {2, 3});
  auto ours = book::corr2d(Xr, Kr);  // (5, 6)
  auto library = nd::convolution(Xr.reshape({1, 1, 6, 8}), Kr.reshape({1, 1, 2, 3}),
                                 /*bias=*/NDArray(), {})
                     .reshape(ours.shape());
  double corr2d_diff = nd::abs(ours - library).max().asscalar();
  std::cout << "corr2d " << shape_str(ours.shape()) << " vs nd::convolution: "
            << "largest difference " << corr2d_diff << "\n";
  chapter.result("corr2d_vs_convolution", corr2d_diff);

  //! ## Convolutional Layers
  //!
  //! A convolutional layer holds a kernel and a scalar bias and computes
  //! `corr2d(x, weight) + bias`. Written as a Gluon block, in the way the part on
  //! custom layers showed, it is a constructor that registers the two parameters
  //! and a one-line `forward`. We call it `MyConv2D` to keep it apart from the
  //! library's `nn::Conv2D`.
  //!
  //! This block is good for computing outputs but not for training: `corr2d`
  //! reads each window's sum out as a plain number with `asscalar()`, and
  //! autograd cannot follow a number out of an array and back in. The library's
  //! layer is built on `nd::convolution`, which has its own backward pass.
  chapter.section("Convolutional Layers");
  // (n_h, n_w) -> (n_h - k_h + 1, n_w - k_w + 1)
  class MyConv2D : public gluon::Block {
   public:
    explicit MyConv2D(const Shape& kernel_size) {
      weight = register_parameter("weight", kernel_size);
      bias = register_parameter("bias", {1});
    }
    NDArray forward(const NDArray& x) override {
      return book::corr2d(x, weight.data()) + bias.data();
    }
    gluon::Parameter weight, bias;
  };

  MyConv2D my_conv({2, 2});
  my_conv.initialize();
  my_conv.weight.set_data(K);
  std::cout << my_conv.params() << "\nwith K and bias 0:\n" << my_conv(X) << "\n";
  chapter.result("my_conv_output", my_conv(X));

  //! ## Object Edge Detection in Images
  //!
  //! Here is a first use for a kernel. The $6 \times 8$ image `X` is white (1)
  //! except for a black (0) vertical band in columns 2 to 5. The $1 \times 2$
  //! kernel $[1, -1]$ subtracts each pixel from its left neighbour: the result
  //! is 0 wherever two neighbours agree, 1 where white turns black and $-1$ where
  //! black turns white again. The output marks the two vertical edges.
  chapter.section("Object Edge Detection in Images");
  auto Xe = nd::ones({6, 8});
  Xe[{all, slice(2, 6)}] = 0.0f;
  std::cout << Xe << "\n";
  NDArray Ke{{1, -1}};
  auto Ye = book::corr2d(Xe, Ke);
  std::cout << Ye << "\n";
  chapter.result("edge_output", Ye);

  //! The kernel only compares horizontal neighbours, so it is blind to
  //! horizontal edges. On the transposed image the band lies horizontally and
  //! the output is zero everywhere:
  auto Yt = book::corr2d(Xe.T(), Ke);
  std::cout << Yt << "\n";
  chapter.result("edge_output_transposed_abs_max", nd::abs(Yt).max().asscalar());

  //! ## Learning a Kernel
  //!
  //! For edges we could design the kernel by hand; for the patterns deeper
  //! layers need, nobody can. So we check that the kernel can be learned from
  //! input-output pairs alone: given `Xe` and the edge map `Ye`, find a
  //! $1 \times 2$ kernel that turns one into the other.
  //!
  //! We use the library's `nn::Conv2D` with one output channel, a $(1, 2)$
  //! kernel and no bias, so that the kernel has to do all the work. It expects
  //! (batch, channels, height, width), hence the reshapes. Each step computes the
  //! squared error summed over the 42 outputs, back-propagates, and moves the
  //! weight against its gradient with learning rate $3 \times 10^{-2}$ by
  //! writing into the parameter directly (no Trainer needed for one array).
  chapter.section("Learning a Kernel");
  nn::Conv2D conv2d({.channels = 1, .kernel_size = {1, 2}, .use_bias = false});
  conv2d.initialize();
  auto Xb = Xe.reshape({1, 1, 6, 8});
  auto Yb = Ye.reshape({1, 1, 6, 7});
  const float lr = static_cast<float>(chapter.lr());
  std::vector<double> losses;
  for (int i = 1; i <= chapter.epochs(); ++i) {
    NDArray l;
    {
      autograd::record recording;
      auto Y_hat = conv2d(Xb);
      l = nd::square(Y_hat - Yb);
    }
    l.backward();
    auto weight = conv2d.weight.data();
    weight -= lr * conv2d.weight.grad();  // in place
    const double loss = l.sum().asscalar();
    losses.push_back(loss);
    if (i % 2 == 0) {
      std::cout << "batch " << i << ", loss " << std::fixed << std::setprecision(3)
                << loss << std::defaultfloat << "\n";
    }
  }
  auto K_learned = conv2d.weight.data().reshape({1, 2});
  std::cout << "learned kernel:\n" << K_learned << "\n";
  chapter.result("losses", losses);
  chapter.result("learned_kernel", K_learned);

  //! After ten steps the kernel is close to $[1, -1]$, the one we designed. The
  //! loss falls quickly because the problem is tiny and convex: two unknowns
  //! and a squared error that is a quadratic function of them.

  //! ## Exercises
  //!
  //! 1. Build an image with a diagonal edge. What does the kernel $[1, -1]$
  //!    output on it, and on its transpose?
  //! 2. Rewrite `corr2d` so that autograd can follow it: loop over the
  //!    $k_h k_w$ kernel positions instead of the outputs, and add up shifted
  //!    slices of `X`, each multiplied by one kernel entry. Train `MyConv2D` with
  //!    it and compare the learned kernel with the one above.
  //! 3. Give `nn::Conv2D` its bias back (`.use_bias = true`). What value does the
  //!    bias learn, and why?
  //! 4. Design kernels by hand for: the second derivative along a row; a blur
  //!    that averages a $3 \times 3$ neighbourhood. What is the smallest kernel
  //!    that computes a derivative of order $d$?
  //! 5. Cross-correlation can be written as one matrix product. Which matrix do
  //!    you multiply the flattened image with?
}
