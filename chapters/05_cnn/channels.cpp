//! # Multiple Input and Multiple Output Channels
//!
//! So far an image had one number per pixel. A colour image has three (red,
//! green, blue), and the output of a convolutional layer with many filters has
//! one number per pixel and filter. These numbers along a third axis are
//! *channels*, and images become 3-D arrays $c \times h \times w$. This section
//! extends cross-correlation to several input channels and several output
//! channels, and looks at the special case of a $1 \times 1$ kernel.
#include <d2l/d2l.hpp>
#include <iostream>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv);

  //! ## Multiple Input Channels
  //!
  //! With $c_i$ input channels the kernel gets $c_i$ channels too, one
  //! $k_h \times k_w$ slice per input channel. Each input channel is
  //! cross-correlated with its own slice of the kernel, and the $c_i$ results are
  //! added up: several channels in, one channel out.
  chapter.section("Multiple Input Channels");
  // (c_i, n_h, n_w) x (c_i, k_h, k_w) -> (o_h, o_w)
  auto corr2d_multi_in = [](const NDArray& X, const NDArray& K) {
    auto Y = book::corr2d(X[{0}], K[{0}]);
    for (int64_t c = 1; c < X.shape()[0]; ++c) Y = Y + book::corr2d(X[{c}], K[{c}]);
    return Y;
  };

  //! Two input channels of $3 \times 3$ and a kernel of two $2 \times 2$
  //! slices. The first output, for instance, is
  //! $(0 \cdot 0 + 1 \cdot 1 + 3 \cdot 2 + 4 \cdot 3) +
  //!  (1 \cdot 1 + 2 \cdot 2 + 4 \cdot 3 + 5 \cdot 4) = 19 + 37 = 56$.
  NDArray X{{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}};
  NDArray K{{{0, 1}, {2, 3}}, {{1, 2}, {3, 4}}};
  auto Y_in = corr2d_multi_in(X, K);
  std::cout << "X " << shape_str(X.shape()) << ", K " << shape_str(K.shape()) << ":\n"
            << Y_in << "\n";
  chapter.result("multi_in", Y_in);

  //! ## Multiple Output Channels
  //!
  //! To get $c_o$ output channels we take $c_o$ such kernels, each of shape
  //! $c_i \times k_h \times k_w$, and stack their outputs. The full kernel is
  //! a 4-D array $c_o \times c_i \times k_h \times k_w$, which is exactly the
  //! layout of the weight of the library's `nn::Conv2D`. Each output channel can
  //! learn to respond to a different pattern, and each looks at all input
  //! channels at once.
  chapter.section("Multiple Output Channels");
  // (c_i, n_h, n_w) x (c_o, c_i, k_h, k_w) -> (c_o, o_h, o_w)
  auto corr2d_multi_in_out = [&](const NDArray& X, const NDArray& K) {
    std::vector<NDArray> outputs;
    for (int64_t o = 0; o < K.shape()[0]; ++o)
      outputs.push_back(corr2d_multi_in(X, K[{o}]));
    return nd::stack(outputs, /*axis=*/0);
  };

  //! Three kernels $K$, $K + 1$ and $K + 2$ give three output channels. The
  //! first one repeats the result above.
  auto K3 = nd::stack({K, K + 1, K + 2}, /*axis=*/0);
  std::cout << "K " << shape_str(K3.shape()) << "\n";
  auto Y_out = corr2d_multi_in_out(X, K3);
  std::cout << Y_out << "\n";
  chapter.result("multi_out", Y_out);

  //! The library's `nd::convolution` works on a batch of such images and takes
  //! the kernel in the same $c_o \times c_i \times k_h \times k_w$ layout; with a
  //! batch of one image it agrees with our loops.
  auto Y_lib = nd::convolution(X.reshape({1, 2, 3, 3}), K3, /*bias=*/NDArray(), {});
  double lib_diff = nd::abs(Y_lib.reshape(Y_out.shape()) - Y_out).max().asscalar();
  std::cout << "largest difference to nd::convolution: " << lib_diff << "\n";
  chapter.result("multi_out_vs_convolution", lib_diff);

  //! ## 1x1 Convolutional Layer
  //!
  //! A $1 \times 1$ kernel sees a single pixel, so it finds no patterns between
  //! neighbours. What it does is mix channels: each output pixel is a weighted
  //! sum of the $c_i$ input values at the same position, with the same
  //! $c_o \times c_i$ weights everywhere. That is a dense layer applied to every
  //! pixel on its own. Flatten the input to a $c_i \times (h w)$ matrix, one
  //! column per pixel, and the whole layer is a matrix product with the
  //! $c_o \times c_i$ weight matrix.
  chapter.section("1x1 Convolutional Layer");
  // (c_i, h, w) x (c_o, c_i, 1, 1) -> (c_o, h, w), as one matrix product
  auto corr2d_multi_in_out_1x1 = [](const NDArray& X, const NDArray& K) {
    const int64_t c_i = X.shape()[0], h = X.shape()[1], w = X.shape()[2];
    const int64_t c_o = K.shape()[0];
    auto Y = nd::dot(K.reshape({c_o, c_i}), X.reshape({c_i, h * w}));
    return Y.reshape({c_o, h, w});
  };

  //! We check the matrix-product version against the general one on random
  //! data: 3 input channels, 2 output channels, $3 \times 3$ pixels.
  auto X1 = nd::random::uniform(0, 1, {3, 3, 3});
  auto K1 = nd::random::uniform(0, 1, {2, 3, 1, 1});
  auto Y1 = corr2d_multi_in_out_1x1(X1, K1);
  auto Y2 = corr2d_multi_in_out(X1, K1);
  double diff = nd::abs(Y1 - Y2).max().asscalar();
  std::cout << "output " << shape_str(Y1.shape()) << ", largest difference " << diff
            << "\n";
  chapter.result("conv1x1_shape",
                 std::vector<double>{double(Y1.shape()[0]), double(Y1.shape()[1]),
                                     double(Y1.shape()[2])});
  chapter.result("conv1x1_vs_dot", diff);

  //! ## Exercises
  //!
  //! 1. A layer takes $c_i$ channels of $h \times w$ pixels and outputs $c_o$
  //!    channels of the same size with a $k_h \times k_w$ kernel. How many
  //!    multiplications does one forward pass need? How many parameters does the
  //!    layer have?
  //! 2. Doubling both $c_i$ and $c_o$ multiplies the work by what? And doubling
  //!    the padding?
  //! 3. Two convolutions in a row, $k_1 \times k_1$ and then $k_2 \times k_2$,
  //!    without a nonlinearity in between: which single convolution computes the
  //!    same thing?
  //! 4. Use `corr2d_multi_in_out_1x1` on an input whose height and width differ.
  //!    Does it still agree with `corr2d_multi_in_out`? Then compare both with
  //!    `nn::Conv2D({.channels = 2, .kernel_size = 1, .use_bias = false})` after
  //!    `set_data` on its weight.
}
