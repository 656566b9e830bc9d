// The check of avg_pool_weight: nd::convolution with the weight against
// nd::pooling "avg", on one channel and on three, with strides and padding.
#include "avg_pool_weight.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "avg_pool_weight", "05_cnn/pooling/avg_pool_weight.cpp",
      [](exercise::Checks& check) {
        struct Case {
          int64_t c, p_h, p_w, s, p;
        };
        for (Case k : {Case{1, 2, 2, 1, 0}, Case{1, 3, 2, 2, 1}, Case{3, 2, 2, 2, 0},
                       Case{3, 3, 3, 1, 1}}) {
          const std::string what = std::to_string(k.c) + " channel(s), window (" +
                                   std::to_string(k.p_h) + ", " + std::to_string(k.p_w) +
                                   "), stride " + std::to_string(k.s) + ", padding " +
                                   std::to_string(k.p);
          NDArray weight = avg_pool_weight(k.c, k.p_h, k.p_w);
          const Shape want{k.c, k.c, k.p_h, k.p_w};
          check.that(weight.shape() == want,
                     what + ": the weight has shape " + shape_str(want) + " (got " +
                         shape_str(weight.shape()) + ")",
                     "(output channels, input channels, height, width)");
          if (weight.shape() != want) continue;
          auto X = nd::random::normal(0, 1, {2, k.c, 6, 7});
          auto conv = nd::convolution(X, weight, NDArray(), {.stride = k.s, .pad = k.p});
          auto pool = nd::pooling(
              X, {.kernel = {k.p_h, k.p_w}, .stride = k.s, .pad = k.p, .type = "avg"});
          check.close(conv, pool,
                      what + ": the convolution gives what average pooling gives",
                      k.c == 1 ? "every entry of the window weighs 1 / (p_h p_w)"
                               : "pooling does not mix channels: weight[o, i] must be "
                                 "zero unless o == i");
        }
      });
}
