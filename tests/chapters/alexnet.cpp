// Checks of chapters/06_modern_cnn/alexnet.cpp: the network's output shape and
// parameter count (by hand, for the image size the run used), and learning by
// the band of the profile that ran (chapters/profile_bands.hpp).
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "chapters/profile_bands.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "alexnet";

int64_t conv(int64_t out, int64_t in, int64_t k) { return out * in * k * k + out; }
int64_t pooled(int64_t side) { return (side - 3) / 2 + 1; }  // 3x3, stride 2
}  // namespace

TEST_CASE("AlexNet: 10 logits and the parameters of its eight layers", "[alexnet]") {
  CHECK(values(kName, "output_shape") == std::vector<double>{1, 10});
  const auto side = static_cast<int64_t>(scalar(kName, "input_side"));
  // 11x11 stride 4, pool, 5x5 pad 2, pool, three 3x3 pad 1, pool.
  const int64_t last = pooled(pooled(pooled((side - 11) / 4 + 1)));
  const int64_t expected = conv(96, 1, 11) + conv(256, 96, 5) + conv(384, 256, 3) +
                           conv(384, 384, 3) + conv(256, 384, 3) +
                           (256 * last * last * 4096 + 4096) + (4096 * 4096 + 4096) +
                           (4096 * 10 + 10);
  CHECK(scalar(kName, "num_params") == expected);
  if (side == 224) CHECK(expected == 46764746);  // the book's size: 6400 dense inputs
}

TEST_CASE("AlexNet learns", "[alexnet]") {
  chapter_test::ProfileBands bands;
  bands.quick_loss_below = 2.4;
  // Seed 0 with 7,000 images (4 min 58 s on 2 idle cores): first-epoch loss
  // 2.288, final loss 1.060, train acc 0.576, test acc 0.633. With 8,000
  // images, seeds 0-1: 2.280-2.282, 0.988-1.001, 0.601-0.609, 0.630-0.673.
  // Few runs (each takes minutes), so the band is wide.
  bands.cpu = {.first_loss_below = 2.31,
               .final_loss_below = 1.4,
               .final_train_acc_above = 0.45,
               .last_test_acc_above = 0.5,
               .best_test_acc_above = 0.5};
  bands.book_test_acc = 0.867;  // ../shared/BOOK.md
  chapter_test::check_learns_for_profile(kName, bands);
}
