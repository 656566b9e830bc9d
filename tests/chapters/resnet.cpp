// Checks of chapters/06_modern_cnn/resnet.cpp: a residual block keeps its
// input's shape, or with its 1x1 convolution and stride 2 changes the channels
// and halves height and width; ResNet-18's parameters match a count by hand;
// learning by the band of the profile that ran.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "chapters/profile_bands.hpp"
#include "chapters/results.hpp"

using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "resnet";

int64_t conv(int64_t out, int64_t in, int64_t k) { return out * in * k * k + out; }
int64_t batch_norm(int64_t c) { return 4 * c; }  // gamma, beta, running mean and var

int64_t residual(int64_t in, int64_t c, bool use_1x1conv) {
  return conv(c, in, 3) + conv(c, c, 3) + (use_1x1conv ? conv(c, in, 1) : 0) +
         2 * batch_norm(c);
}
}  // namespace

TEST_CASE("Residual blocks keep or halve the shape", "[resnet]") {
  CHECK(values(kName, "same_shape") == std::vector<double>{4, 3, 6, 6});
  CHECK(values(kName, "halving_shape") == std::vector<double>{4, 6, 3, 3});
}

TEST_CASE("ResNet-18: 10 logits and its parameters", "[resnet]") {
  CHECK(values(kName, "output_shape") == std::vector<double>{1, 10});
  int64_t expected = conv(64, 1, 7) + batch_norm(64), in = 64;
  for (int64_t c : {64, 128, 256, 512}) {
    expected += residual(in, c, /*use_1x1conv=*/c != 64) + residual(c, c, false);
    in = c;
  }
  expected += 512 * 10 + 10;
  CHECK(scalar(kName, "num_params") == expected);
}

TEST_CASE("ResNet-18 learns", "[resnet]") {
  chapter_test::ProfileBands bands;
  bands.quick_loss_below = 8;
  // Seeds 0-2 (bench/cpu_profile_bands.py): first-epoch loss 0.950-1.037,
  // final loss 0.377-0.397, train acc 0.848-0.857, test acc 0.822-0.865.
  bands.cpu = {.first_loss_below = 1.2,
               .final_loss_below = 0.5,
               .final_train_acc_above = 0.8,
               .last_test_acc_above = 0.77,
               .best_test_acc_above = 0.8};
  bands.book_test_acc = 0.91;  // ../shared/BOOK.md
  chapter_test::check_learns_for_profile(kName, bands);
}
