// Exercise 3 of "The image classification data set": Fashion-MNIST is said to be
// balanced. Count the labels of a data set (labels() holds one byte, 0 to 9,
// per image) so that the check can see whether each of the ten classes has
// 6000 training images and 1000 test images.
//
// Check it: bash scripts/exercise.sh count_labels
#include "count_labels.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

std::vector<int64_t> count_labels(const gluon::data::vision::FashionMNIST& data) {
  exercise::todo("count_labels");  // your answer here: replace this line
}
