#pragma once
// One axis of a chart: the data range, the scale, and where the ticks go.
#include <string>
#include <vector>

namespace d2l::svg {

struct Tick {
  double value;       // in data units
  std::string label;  // SVG content: plain text, or 10<tspan>k</tspan>
};

struct Axis {
  double lo = 0, hi = 1;  // the visible range, in data units
  bool log = false;
  /// Where `v` falls between lo (0) and hi (1).
  double fraction(double v) const;
  std::vector<Tick> ticks() const;
};

/// The axis for `values` (non-finite ones, and non-positive ones on a log
/// scale, are ignored), padded a little, unless `lo < hi` are given.
Axis make_axis(const std::vector<double>& values, bool log, bool fixed, double lo,
               double hi);

}  // namespace d2l::svg
