// Checks of chapters/06_modern_cnn/nin.cpp: NiN ends in 10 scores without a
// dense layer, with the parameters counted by hand; learning by the band of
// the profile that ran (NiN at lr 0.1 can stay at the loss of guessing for a
// while, so its CPU band is wide).
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "chapters/profile_bands.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "nin";

// A NiN block: a k x k convolution and two 1x1 convolutions, all with biases.
int64_t nin_block(int64_t out, int64_t in, int64_t k) {
  return (out * in * k * k + out) + 2 * (out * out + out);
}
}  // namespace

TEST_CASE("NiN: 10 scores from global pooling, no dense layer", "[nin]") {
  CHECK(values(kName, "output_shape") == std::vector<double>{1, 10});
  // Independent of the image size: there is no dense layer.
  CHECK(scalar(kName, "num_params") == nin_block(96, 1, 11) + nin_block(256, 96, 5) +
                                           nin_block(384, 256, 3) +
                                           nin_block(10, 384, 3));
}

TEST_CASE("NiN trains", "[nin]") {
  chapter_test::ProfileBands bands;
  bands.quick_loss_below = 2.4;
  // Five CPU-profile runs (seeds 0-2, two of them twice; data/reference/d2l/
  // cpu_profile/nin.json): first-epoch loss 2.284-2.302, final loss
  // 1.603-2.295, test acc 0.100-0.555. Seed 2 never left the plateau in its
  // 750 steps, which is the instability the page is about: on this profile
  // the check only asks that no loss rose above guessing.
  bands.cpu = {.first_loss_below = 2.31};
  bands.cpu_may_stall = true;
  bands.book_test_acc = 0.81;  // ../shared/BOOK.md
  bands.book_margin = 0.1;
  chapter_test::check_learns_for_profile(kName, bands);
}
