// The check of conv_output_shape: its prediction against the shape nn::Conv2D
// actually produces, for square and non-square kernels, paddings and strides.
#include "conv_output_shape.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "conv_output_shape", "05_cnn/padding_and_strides/conv_output_shape.cpp",
      [](exercise::Checks& check) {
        struct Case {
          int64_t n_h, n_w, k_h, k_w, p_h, p_w, s_h, s_w;
        };
        for (Case c : {Case{8, 8, 3, 3, 1, 1, 1, 1}, Case{8, 8, 3, 5, 0, 1, 3, 4},
                       Case{9, 9, 3, 5, 0, 1, 3, 4}, Case{9, 7, 5, 3, 2, 1, 2, 2},
                       Case{10, 6, 2, 2, 0, 0, 3, 1}, Case{28, 28, 5, 5, 0, 0, 1, 1}}) {
          nn::Conv2D conv({.channels = 1,
                           .kernel_size = {c.k_h, c.k_w},
                           .strides = {c.s_h, c.s_w},
                           .padding = {c.p_h, c.p_w}});
          conv.initialize();
          auto Y = conv(nd::zeros({1, 1, c.n_h, c.n_w}));
          const Shape actual{Y.shape()[2], Y.shape()[3]};
          const Shape got =
              conv_output_shape(c.n_h, c.n_w, c.k_h, c.k_w, c.p_h, c.p_w, c.s_h, c.s_w);
          auto s = [](int64_t a, int64_t b) {
            return "(" + std::to_string(a) + ", " + std::to_string(b) + ")";
          };
          check.that(got == actual,
                     "input " + s(c.n_h, c.n_w) + ", kernel " + s(c.k_h, c.k_w) +
                         ", padding " + s(c.p_h, c.p_w) + ", stride " + s(c.s_h, c.s_w) +
                         ": nn::Conv2D gives " + shape_str(actual) + ", you predicted " +
                         shape_str(got),
                     "the padding is added on both sides (2p), and the count of kernel "
                     "positions is floor((n - k + 2p + s) / s)");
        }
      });
}
