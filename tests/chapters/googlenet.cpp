// Checks of chapters/06_modern_cnn/googlenet.cpp: the five stages end in 10
// logits, and the parameters match a count by hand of its nine Inception
// blocks (whose outputs concatenate the four paths' channels); learning by the
// band of the profile that ran.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "chapters/profile_bands.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "googlenet";

int64_t conv(int64_t out, int64_t in, int64_t k) { return out * in * k * k + out; }

struct Inception {
  int64_t c1, c2a, c2b, c3a, c3b, c4;
  int64_t out() const { return c1 + c2b + c3b + c4; }  // the concatenated channels
  int64_t params(int64_t in) const {
    return conv(c1, in, 1) + conv(c2a, in, 1) + conv(c2b, c2a, 3) + conv(c3a, in, 1) +
           conv(c3b, c3a, 5) + conv(c4, in, 1);
  }
};
}  // namespace

TEST_CASE("GoogLeNet: 10 logits and the parameters of its Inception blocks",
          "[googlenet]") {
  CHECK(values(kName, "output_shape") == std::vector<double>{1, 10});
  const Inception blocks[] = {
      {64, 96, 128, 16, 32, 32},     {128, 128, 192, 32, 96, 64},    // b3
      {192, 96, 208, 16, 48, 64},    {160, 112, 224, 24, 64, 64},    // b4
      {128, 128, 256, 24, 64, 64},   {112, 144, 288, 32, 64, 64},    //
      {256, 160, 320, 32, 128, 128},                                 //
      {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128},  // b5
  };
  int64_t expected = conv(64, 1, 7) + conv(64, 64, 1) + conv(192, 64, 3), in = 192;
  for (const auto& b : blocks) {
    expected += b.params(in);
    in = b.out();
  }
  CHECK(in == 1024);
  expected += 1024 * 10 + 10;
  CHECK(scalar(kName, "num_params") == expected);
}

TEST_CASE("GoogLeNet learns", "[googlenet]") {
  chapter_test::ProfileBands bands;
  bands.quick_loss_below = 2.4;
  // Seeds 0-1 (seed 0 in the book build, seed 1 by
  // bench/cpu_profile_bands.py): first-epoch loss 2.149-2.250, final loss
  // 0.865-1.029, train acc 0.587-0.655, test acc 0.684-0.737.
  bands.cpu = {.first_loss_below = 2.31,
               .final_loss_below = 1.25,
               .final_train_acc_above = 0.5,
               .last_test_acc_above = 0.6,
               .best_test_acc_above = 0.6};
  bands.book_test_acc = 0.883;  // ../shared/BOOK.md
  chapter_test::check_learns_for_profile(kName, bands);
}
