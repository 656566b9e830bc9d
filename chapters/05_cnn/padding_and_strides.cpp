//! # Padding and Stride
//!
//! A $k_h \times k_w$ kernel over an $n_h \times n_w$ input fits
//! $(n_h - k_h + 1) \times (n_w - k_w + 1)$ times, so every convolution shrinks
//! the image a little, and a stack of them shrinks it a lot: after ten $5 \times
//! 5$ layers a $28 \times 28$ image would have no pixels left. Pixels on the
//! border are also used less often than those in the middle. Two settings of a
//! convolution control the output size: *padding* adds a frame of zeros around
//! the input, and *stride* moves the kernel by more than one position at a time.
#include <d2l/d2l.hpp>
#include <iostream>
#include <vector>

using namespace d2l;

namespace {

// Applies a fresh convolution to one single-channel image (n_h, n_w) and returns
// the output as an image again: (n_h, n_w) -> (1, 1, n_h, n_w) -> (o_h, o_w).
NDArray comp_conv2d(nn::Conv2D& conv2d, const NDArray& X) {
  conv2d.initialize();
  auto Y = conv2d(X.reshape({1, 1, X.shape()[0], X.shape()[1]}));
  return Y.reshape({Y.shape()[2], Y.shape()[3]});
}

// The output size along one axis, as the formula of this section gives it.
int64_t out_size(int64_t n, int64_t k, int64_t p, int64_t s) {
  return (n - k + 2 * p + s) / s;
}

}  // namespace

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv);
  auto X = nd::random::uniform(0, 1, {8, 8});

  // Prints the output shape of `conv2d` on X, checks it against the formula and
  // records it under `key`.
  auto show = [&](const std::string& key, nn::Conv2D conv2d) {
    const auto& o = conv2d.options();
    auto Y = comp_conv2d(conv2d, X);
    const int64_t oh = out_size(8, o.kernel_size.h, o.padding.h, o.strides.h);
    const int64_t ow = out_size(8, o.kernel_size.w, o.padding.w, o.strides.w);
    std::cout << "kernel (" << o.kernel_size.h << ", " << o.kernel_size.w
              << "), padding (" << o.padding.h << ", " << o.padding.w << "), stride ("
              << o.strides.h << ", " << o.strides.w << "): " << shape_str(X.shape())
              << " -> " << shape_str(Y.shape()) << "; the formula gives (" << oh << ", "
              << ow << ")\n";
    chapter.result(key, std::vector<double>{double(Y.shape()[0]), double(Y.shape()[1])});
    chapter.result(key + "_formula", std::vector<double>{double(oh), double(ow)});
  };

  //! ## Padding
  //!
  //! Padding with $p_h$ rows of zeros on the top and on the bottom, and $p_w$
  //! columns on the left and on the right, makes the input
  //! $(n_h + 2p_h) \times (n_w + 2p_w)$, and the output
  //!
  //! $$(n_h - k_h + 2p_h + 1) \times (n_w - k_w + 2p_w + 1).$$
  //!
  //! With $2p_h = k_h - 1$ and $2p_w = k_w - 1$ the output has exactly the size
  //! of the input. That is why kernels usually have odd sides (1, 3, 5, 7): then
  //! the padding is the same on both sides, and output $Y_{i,j}$ is centred on
  //! input $X_{i,j}$. Note that the library's `padding` is what is added on
  //! *each* side, $p_h$ and not $2p_h$.
  //!
  //! `comp_conv2d` feeds an $8 \times 8$ image to a convolution with one output
  //! channel and returns the output as an image again. A $3 \times 3$ kernel
  //! with padding 1 keeps the size, and so does a $5 \times 3$ kernel with
  //! padding 2 rows and 1 column.
  chapter.section("Padding");
  show("shape_k3_p1", nn::Conv2D({.channels = 1, .kernel_size = 3, .padding = 1}));
  show("shape_k5x3_p2x1",
       nn::Conv2D({.channels = 1, .kernel_size = {5, 3}, .padding = {2, 1}}));

  //! ## Stride
  //!
  //! With stride $s_h$ down and $s_w$ across, the kernel skips positions: only
  //! every $s_h$-th row start and every $s_w$-th column start is used. Counting
  //! the positions that fit gives
  //!
  //! $$\left\lfloor \frac{n_h - k_h + 2p_h + s_h}{s_h} \right\rfloor \times
  //!   \left\lfloor \frac{n_w - k_w + 2p_w + s_w}{s_w} \right\rfloor,$$
  //!
  //! which for stride 1 is the formula above. If the padding keeps the size and
  //! the stride divides it, the output is simply $(n_h / s_h) \times (n_w /
  //! s_w)$: stride 2 halves each side. The second example mixes everything:
  //! a $3 \times 5$ kernel, padding 0 rows and 1 column, stride 3 down and 4
  //! across, $\lfloor (8 - 3 + 0 + 3) / 3 \rfloor = 2$ and
  //! $\lfloor (8 - 5 + 2 + 4) / 4 \rfloor = 2$.
  chapter.section("Stride");
  show("shape_k3_p1_s2",
       nn::Conv2D({.channels = 1, .kernel_size = 3, .strides = 2, .padding = 1}));
  show("shape_k3x5_p0x1_s3x4",
       nn::Conv2D(
           {.channels = 1, .kernel_size = {3, 5}, .strides = {3, 4}, .padding = {0, 1}}));

  //! ## Exercises
  //!
  //! 1. Check the last example with the formula by hand, then change the input
  //!    to $9 \times 9$ and predict the output shape before running it.
  //! 2. Which padding and stride turn a $28 \times 28$ image into $14 \times 14$
  //!    with a $5 \times 5$ kernel? Is there more than one answer?
  //! 3. An audio signal is a 1-D sequence. What does a stride of 2 mean for it?
  //! 4. Stride greater than 1 computes fewer outputs. By which factor does it cut
  //!    the work of a convolution, compared with computing every output and
  //!    throwing most of them away?
}
