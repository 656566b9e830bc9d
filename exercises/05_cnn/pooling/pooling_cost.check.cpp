// The check of pooling_cost: the output side against nd::pooling's output for
// several windows, paddings and strides, and the count of values read against
// the count worked out from that output.
#include "pooling_cost.hpp"

#include <string>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

namespace {

struct Setting {
  int64_t c, h, w, p_h, p_w, pad_h, pad_w, s_h, s_w;
};

std::string describe(const Setting& s) {
  return "(" + std::to_string(s.c) + ", " + std::to_string(s.h) + ", " +
         std::to_string(s.w) + ") with window " + std::to_string(s.p_h) + "x" +
         std::to_string(s.p_w) + ", padding (" + std::to_string(s.pad_h) + ", " +
         std::to_string(s.pad_w) + "), stride (" + std::to_string(s.s_h) + ", " +
         std::to_string(s.s_w) + ")";
}

}  // namespace

int main() {
  return exercise::run(
      "pooling_cost", "05_cnn/pooling/pooling_cost.cpp", [](exercise::Checks& check) {
        const Setting settings[] = {{1, 4, 4, 2, 2, 0, 0, 2, 2},
                                    {3, 5, 7, 3, 3, 1, 1, 2, 2},
                                    {2, 28, 28, 3, 2, 1, 0, 1, 2},
                                    {4, 9, 6, 3, 3, 0, 0, 3, 1}};
        for (const Setting& s : settings) {
          const NDArray Y =
              nd::pooling(nd::zeros({1, s.c, s.h, s.w}), {.kernel = {s.p_h, s.p_w},
                                                          .stride = {s.s_h, s.s_w},
                                                          .pad = {s.pad_h, s.pad_w},
                                                          .type = "avg"});
          const int64_t oh = Y.shape()[2], ow = Y.shape()[3];
          check.that(pooled_side(s.h, s.p_h, s.pad_h, s.s_h) == oh &&
                         pooled_side(s.w, s.p_w, s.pad_w, s.s_w) == ow,
                     "pooling " + describe(s) + " gives " + std::to_string(oh) + "x" +
                         std::to_string(ow) + " outputs, as nd::pooling does (you: " +
                         std::to_string(pooled_side(s.h, s.p_h, s.pad_h, s.s_h)) + "x" +
                         std::to_string(pooled_side(s.w, s.p_w, s.pad_w, s.s_w)) + ")",
                     "padding adds pixels on both sides (2 * pad), and the division "
                     "by the stride rounds down");
          const int64_t reads = s.c * oh * ow * s.p_h * s.p_w;
          check.close(double(pooling_reads(s.c, s.h, s.w, s.p_h, s.p_w, s.pad_h, s.pad_w,
                                           s.s_h, s.s_w)),
                      double(reads),
                      "pooling " + describe(s) +
                          " reads one window of input "
                          "values for each output value",
                      "count per output value, and every channel is pooled on its own",
                      0);
        }
      });
}
