// The reference answer to count_labels.cpp.
#include "count_labels.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

std::vector<int64_t> count_labels(const gluon::data::vision::FashionMNIST& data) {
  std::vector<int64_t> counts(10, 0);
  for (uint8_t label : data.labels()) ++counts[label];
  return counts;
}
