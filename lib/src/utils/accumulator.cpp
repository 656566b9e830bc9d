#include "d2l/utils/accumulator.hpp"

#include <stdexcept>
#include <string>

#include "d2l/error.hpp"

namespace d2l::book {

void Accumulator::add_values(const std::vector<double>& values) {
  if (values.size() != data_.size()) {
    throw d2l::Error("Accumulator::add: got " + std::to_string(values.size()) +
                     " values for " + std::to_string(data_.size()) + " sums");
  }
  for (size_t i = 0; i < data_.size(); ++i) data_[i] += values[i];
}

void Accumulator::reset() { data_.assign(data_.size(), 0.0); }

double Accumulator::operator[](size_t i) const {
  if (i >= data_.size()) {
    throw d2l::Error("Accumulator: index " + std::to_string(i) + " of " +
                     std::to_string(data_.size()) + " sums");
  }
  return data_[i];
}

}  // namespace d2l::book
