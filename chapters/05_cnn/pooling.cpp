//! # Pooling
//!
//! A convolution's output follows its input pixel by pixel: shift the image by
//! one pixel and the edge map shifts with it. For recognizing what is in an
//! image, that is more precision than we want; a cat is a cat one pixel further
//! to the left. A *pooling* layer summarizes each small window of its input by a
//! single number, the largest value (max pooling) or the mean (average
//! pooling). Small shifts then barely change the output, and with a stride the
//! layer also shrinks the image cheaply. Pooling has no parameters at all.
#include <algorithm>
#include <d2l/d2l.hpp>
#include <iostream>
#include <string>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv);

  //! ## Maximum Pooling and Average Pooling
  //!
  //! Like cross-correlation, pooling slides a $p_h \times p_w$ window over the
  //! input, but instead of a weighted sum it takes the maximum or the mean of the
  //! window. `pool2d` is `corr2d` from the section on convolutions with that one
  //! line changed.
  chapter.section("Maximum Pooling and Average Pooling");
  // (n_h, n_w) -> (n_h - p_h + 1, n_w - p_w + 1), mode "max" or "avg"
  auto pool2d = [](const NDArray& X, Shape pool_size, const std::string& mode = "max") {
    const int64_t p_h = pool_size[0], p_w = pool_size[1];
    auto Y = nd::zeros({X.shape()[0] - p_h + 1, X.shape()[1] - p_w + 1});
    for (int64_t i = 0; i < Y.shape()[0]; ++i) {
      for (int64_t j = 0; j < Y.shape()[1]; ++j) {
        NDArray window = X[{slice(i, i + p_h), slice(j, j + p_w)}];
        Y[{i, j}] = (mode == "max" ? window.max() : window.mean()).asscalar();
      }
    }
    return Y;
  };

  //! On the $3 \times 3$ matrix of the numbers 0 to 8, a $2 \times 2$ window
  //! gives the bottom-right number of each window as the maximum, and the
  //! middle of its four numbers as the mean.
  auto X = nd::arange(9).reshape({3, 3});
  auto Y_max = pool2d(X, {2, 2});
  auto Y_avg = pool2d(X, {2, 2}, "avg");
  std::cout << X << "\nmax:\n" << Y_max << "\navg:\n" << Y_avg << "\n";
  chapter.result("pool_max", Y_max);
  chapter.result("pool_avg", Y_avg);

  //! To see that the edge detector of the earlier section gains some tolerance,
  //! take its output for the image with a black band (1 and $-1$ at the two
  //! edges). After $2 \times 2$ max pooling with stride 1, each edge response
  //! covers two columns instead of one, so the edge may move by one pixel and
  //! still be seen at the same place.
  auto image = nd::ones({6, 8});
  image[{all, slice(2, 6)}] = 0.0f;
  NDArray left = image[{all, slice(0, 7)}], right = image[{all, slice(1, 8)}];
  auto edges = nd::abs(left - right);  // |corr2d(image, [1, -1])|
  std::cout << "edges (6, 7):\n"
            << edges << "\nafter 2x2 max pooling:\n"
            << pool2d(edges, {2, 2}) << "\n";

  //! The library's `nd::pooling` computes the same windows on batches of
  //! images, (batch, channels, height, width). With the stride set to 1 it
  //! must agree with `pool2d`:
  auto Xr = nd::random::normal(0, 1, {5, 6});
  double pool_diff = 0;
  for (std::string mode : {"max", "avg"}) {
    auto ours = pool2d(Xr, {2, 2}, mode);
    auto library =
        nd::pooling(Xr.reshape({1, 1, 5, 6}), {.kernel = 2, .stride = 1, .type = mode})
            .reshape(ours.shape());
    double diff = nd::abs(ours - library).max().asscalar();
    std::cout << mode << " pooling, pool2d vs nd::pooling: largest difference " << diff
              << "\n";
    pool_diff = std::max(pool_diff, diff);
  }
  chapter.result("pool2d_vs_pooling", pool_diff);

  //! ## Padding and Stride
  //!
  //! Pooling layers take padding and stride like convolutions, with the same
  //! formula for the output shape. Gluon's `nn::MaxPool2D` uses the window size
  //! as the stride unless told otherwise, so that windows do not overlap. Here
  //! the input is a batch of one image with one channel, the numbers 0 to 15 as
  //! a $4 \times 4$ matrix. A $3 \times 3$ window with stride 3 fits only once.
  chapter.section("Padding and Stride");
  auto X4 = nd::arange(16).reshape({1, 1, 4, 4});
  std::cout << X4 << "\n";
  nn::MaxPool2D pool3({.pool_size = 3});
  auto Y3 = pool3(X4);
  std::cout << pool3 << ":\n" << Y3 << "\n";
  chapter.result("maxpool_3", Y3);

  //! Padding 1 and stride 2 give four windows. The padded border does not take
  //! part in the maximum (as if it held $-\infty$), so every output is a true
  //! value of the input:
  nn::MaxPool2D pool_p1s2({.pool_size = 3, .strides = 2, .padding = 1});
  auto Y_p1s2 = pool_p1s2(X4);
  std::cout << pool_p1s2 << ":\n" << Y_p1s2 << "\n";
  chapter.result("maxpool_3_p1_s2", Y_p1s2);

  //! Windows need not be square. A $2 \times 3$ window with padding 1 row and 2
  //! columns, and stride 2 down and 3 across:
  //! $\lfloor (4 - 2 + 2 + 2)/2 \rfloor = 3$ rows and
  //! $\lfloor (4 - 3 + 4 + 3)/3 \rfloor = 2$ columns.
  nn::MaxPool2D pool_rect({.pool_size = {2, 3}, .strides = {2, 3}, .padding = {1, 2}});
  auto Y_rect = pool_rect(X4);
  std::cout << pool_rect << ":\n" << Y_rect << "\n";
  chapter.result("maxpool_2x3_p1x2_s2x3", Y_rect);

  //! ## Multiple Channels
  //!
  //! Unlike a convolution, pooling does not mix channels: it pools each channel
  //! on its own, so the output has as many channels as the input. Stacking `X4`
  //! and `X4 + 1` along the channel axis gives two channels, and the pooled
  //! second channel is the pooled first one plus 1.
  chapter.section("Multiple Channels");
  auto X2 = nd::concat({X4, X4 + 1}, /*dim=*/1);
  auto Y2 = pool_p1s2(X2);
  std::cout << "input " << shape_str(X2.shape()) << " -> " << shape_str(Y2.shape())
            << "\n"
            << Y2 << "\n";
  chapter.result("maxpool_two_channels", Y2);

  //! ## Exercises
  //!
  //! 1. Average pooling is a convolution with a particular kernel. Which one?
  //!    Check it with `nd::convolution`.
  //! 2. Is max pooling a convolution too? Why not?
  //! 3. How many operations does pooling a $c \times h \times w$ input with a
  //!    $p_h \times p_w$ window, padding $(p_h', p_w')$ and stride $(s_h, s_w)$
  //!    take?
  //! 4. Max and average are two ways to summarize a window. Think of another one
  //!    (a soft maximum, say, $\log \sum \exp$). What would it keep that the max
  //!    drops?
  //! 5. Why might a network need pooling less once it has convolutions with
  //!    stride 2?
}
