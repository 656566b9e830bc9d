// The check of conv_cost: the multiplications against counts worked out by
// hand, the parameters against an nn::Conv2D built with the same settings.
#include "conv_cost.hpp"

#include <string>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "conv_cost", "05_cnn/channels/conv_cost.cpp", [](exercise::Checks& check) {
        struct Case {
          int64_t c_i, c_o, h, w, k_h, k_w, mults;
        };
        // 3 * 64 * 32 * 32 * 9, 1 * 6 * 28 * 28 * 25, 16 * 8 * 10 * 7 * 3 * 1, 2 * 1 * 5
        // * 5 * 1
        for (Case c :
             {Case{3, 64, 32, 32, 3, 3, 1769472}, Case{1, 6, 28, 28, 5, 5, 117600},
              Case{16, 8, 10, 7, 3, 1, 26880}, Case{2, 1, 5, 5, 1, 1, 50}}) {
          const std::string at =
              "c_i = " + std::to_string(c.c_i) + ", c_o = " + std::to_string(c.c_o) +
              ", " + std::to_string(c.h) + "x" + std::to_string(c.w) + " pixels, " +
              std::to_string(c.k_h) + "x" + std::to_string(c.k_w) + " kernel";
          const int64_t m = conv_mults(c.c_i, c.c_o, c.h, c.w, c.k_h, c.k_w);
          check.that(m == c.mults,
                     at + ": expected " + std::to_string(c.mults) +
                         " multiplications, got " + std::to_string(m),
                     "every one of the c_o * h * w output values needs c_i * k_h * k_w "
                     "products; "
                     "don't forget the input channels");

          nn::Conv2D conv({.channels = c.c_o,
                           .kernel_size = {c.k_h, c.k_w},
                           .padding = {(c.k_h - 1) / 2, (c.k_w - 1) / 2}});
          conv.initialize();
          conv(nd::zeros({1, c.c_i, c.h, c.w}));  // the first pass settles c_i
          const int64_t actual = book::num_parameters(conv);
          const int64_t p = conv_params(c.c_i, c.c_o, c.k_h, c.k_w);
          check.that(p == actual,
                     at + ": nn::Conv2D has " + std::to_string(actual) +
                         " parameters, you counted " + std::to_string(p),
                     "the kernel tensor has shape (c_o, c_i, k_h, k_w), and each output "
                     "channel has "
                     "one bias; the image size does not matter");
        }
      });
}
