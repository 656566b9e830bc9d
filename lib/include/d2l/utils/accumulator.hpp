#pragma once
/// @file accumulator.hpp
/// Accumulator: running sums of n quantities, as the book's `d2l.Accumulator`.

#include <concepts>
#include <cstddef>
#include <vector>

namespace d2l::book {

/// Sums n values over many calls, e.g. (loss sum, correct, examples) over an
/// epoch: `Accumulator metric(3); metric.add(l, acc, n); metric[0] / metric[2]`.
class Accumulator {
 public:
  /// `n` sums, all 0.
  explicit Accumulator(size_t n) : data_(n, 0.0) {}
  /// Adds one value to each sum; exactly n values.
  template <std::convertible_to<double>... T>
  void add(T... values) {
    add_values({static_cast<double>(values)...});
  }
  /// Adds `values[i]` to sum i; exactly n values.
  void add_values(const std::vector<double>& values);
  /// Sets every sum back to 0.
  void reset();
  /// Sum number `i`.
  double operator[](size_t i) const;
  /// The number of sums, n.
  size_t size() const { return data_.size(); }

 private:
  std::vector<double> data_;
};

}  // namespace d2l::book
