// Checks of chapters/06_modern_cnn/densenet.cpp: a dense block adds
// num_convs * growth channels to its input by concatenation, a transition
// layer brings them down and halves height and width; the network's channels
// and parameters match a count by hand; learning by the band of the profile
// that ran.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "chapters/profile_bands.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "densenet";

int64_t conv(int64_t out, int64_t in, int64_t k) { return out * in * k * k + out; }
int64_t batch_norm(int64_t c) { return 4 * c; }
}  // namespace

TEST_CASE("dense blocks concatenate, transition layers shrink", "[densenet]") {
  CHECK(values(kName, "dense_block_shape") == std::vector<double>{4, 3 + 2 * 10, 8, 8});
  CHECK(values(kName, "transition_shape") == std::vector<double>{4, 10, 4, 4});
}

TEST_CASE("DenseNet: channels, 10 logits and its parameters", "[densenet]") {
  CHECK(values(kName, "output_shape") == std::vector<double>{1, 10});
  int64_t expected = conv(64, 1, 7) + batch_norm(64), c = 64;
  for (int block = 0; block < 4; ++block) {
    for (int i = 0; i < 4; ++i, c += 32) expected += batch_norm(c) + conv(32, c, 3);
    if (block < 3) {  // transition: BN, 1x1 conv to half the channels
      expected += batch_norm(c) + conv(c / 2, c, 1);
      c /= 2;
    }
  }
  CHECK(c == 248);
  CHECK(scalar(kName, "final_channels") == 248);
  expected += batch_norm(248) + 248 * 10 + 10;
  CHECK(scalar(kName, "num_params") == expected);
}

TEST_CASE("DenseNet learns", "[densenet]") {
  chapter_test::ProfileBands bands;
  bands.quick_loss_below = 8;
  // Seeds 0-2 (bench/cpu_profile_bands.py): first-epoch loss 0.717-0.743,
  // final loss 0.382-0.386, train acc 0.854-0.859, test acc 0.806-0.853; the
  // book build's seed 0, a few commits later: 0.752, 0.396, 0.847, 0.762.
  bands.cpu = {.first_loss_below = 1.0,
               .final_loss_below = 0.5,
               .final_train_acc_above = 0.8,
               .last_test_acc_above = 0.75,
               .best_test_acc_above = 0.78};
  bands.book_test_acc = 0.88;  // ../shared/BOOK.md
  chapter_test::check_learns_for_profile(kName, bands);
}
