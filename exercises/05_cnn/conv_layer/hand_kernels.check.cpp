// The check of hand_kernels: the second-derivative kernel on quadratic, linear
// and column-wise rows; the blur against 3x3 average pooling with stride 1.
#include "hand_kernels.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "hand_kernels", "05_cnn/conv_layer/hand_kernels.cpp", [](exercise::Checks& check) {
        // Rows (j + i)^2, rows j + i, and columns i^2, all 6 x 9.
        auto quad = nd::zeros({6, 9}), lin = nd::zeros({6, 9}), down = nd::zeros({6, 9});
        for (int64_t i = 0; i < 6; ++i) {
          for (int64_t j = 0; j < 9; ++j) {
            quad[{i, j}] = static_cast<float>((j + i) * (j + i));
            lin[{i, j}] = static_cast<float>(3 * j - i);
            down[{i, j}] = static_cast<float>(i * i);
          }
        }
        NDArray D = second_derivative_kernel();
        auto Yq = book::corr2d(quad, D);
        check.close(Yq, nd::full(Yq.shape(), 2.0f),
                    "the second-derivative kernel gives 2 everywhere on rows (j + i)^2",
                    "the second difference is x[j] - 2 x[j+1] + x[j+2]; a kernel of "
                    "the wrong sign gives -2, one of the wrong scale another constant");
        auto Yl = book::corr2d(lin, D);
        check.close(Yl, nd::zeros(Yl.shape()), "it gives 0 on linear rows 3 j - i",
                    "the weights must sum to 0 and cancel a constant slope: 1, -2, 1");
        auto Yd = book::corr2d(down, D);
        check.close(Yd, nd::zeros(Yd.shape()),
                    "it gives 0 on an image that only changes down the columns (i^2)",
                    "the derivative is along a row: the kernel should be one row, "
                    "shape (1, 3)");

        NDArray B = blur_kernel();
        check.that(B.shape() == Shape{3, 3},
                   "the blur kernel is 3x3 (got " + shape_str(B.shape()) + ")");
        if (B.shape() != Shape{3, 3}) return;
        auto X = nd::random::uniform(0, 1, {7, 8});
        auto ones = nd::ones({5, 5});
        check.close(book::corr2d(ones, B), nd::ones({3, 3}),
                    "the blur leaves a constant image of ones unchanged",
                    "the weights must sum to 1; nd::ones({3, 3}) alone sums to 9");
        auto mean = nd::pooling(X.reshape({1, 1, 7, 8}),
                                {.kernel = 3, .stride = 1, .type = "avg"})
                        .reshape({5, 6});
        check.close(book::corr2d(X, B), mean,
                    "the blur of a random image is the mean of each 3x3 window",
                    "every one of the nine pixels gets the same weight, 1/9");
      });
}
