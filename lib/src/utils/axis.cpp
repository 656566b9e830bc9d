#include "axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace d2l::svg {

double Axis::fraction(double v) const {
  if (log) return (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
  return (v - lo) / (hi - lo);
}

namespace {

// The smallest step of 1, 2 or 5 times a power of ten that gives at most
// `most` intervals: 0, 20, ..., 100 rather than 0, 50, 100.
double nice_step(double range, int most) {
  const double p = std::pow(10.0, std::floor(std::log10(range / most)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (range / (m * p) <= most) return m * p;
  }
  return 20 * p;
}

std::string format_linear(double v, double step) {
  if (std::abs(v) < step * 1e-6) v = 0;  // no "-0" or 1e-17 from rounding
  char buf[32];
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step))));
  if (decimals > 6 || std::abs(v) >= 1e7) {
    std::snprintf(buf, sizeof buf, "%g", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  }
  return buf;
}

// 10 with a raised exponent; the minus is U+2212 as typesetting has it.
std::string power_of_ten(int k) {
  std::string exp = k < 0 ? "\u2212" + std::to_string(-k) : std::to_string(k);
  return "10<tspan dy=\"-6\" font-size=\"9\">" + exp + "</tspan>";
}

}  // namespace

std::vector<Tick> Axis::ticks() const {
  std::vector<Tick> out;
  if (!log) {
    const double step = nice_step(hi - lo, 7);
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9;
         v += step) {
      out.push_back({v, format_linear(v, step)});
    }
    return out;
  }
  const int k_lo = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
  const int k_hi = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
  const int decades = k_hi - k_lo + 1;
  const int every = std::max(1, (decades + 6) / 7);  // at most about 7 labels
  for (int k = k_lo; k <= k_hi; ++k) {
    if ((k - k_lo) % every == 0) out.push_back({std::pow(10.0, k), power_of_ten(k)});
  }
  if (decades < 2) {  // less than two decades: add 2 and 5 times powers of ten
    for (int k = k_lo - 1; k <= k_hi; ++k) {
      for (double m : {2.0, 5.0}) {
        const double v = m * std::pow(10.0, k);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        if (v >= lo && v <= hi) out.push_back({v, buf});
      }
    }
    std::sort(out.begin(), out.end(),
              [](const Tick& a, const Tick& b) { return a.value < b.value; });
  }
  return out;
}

Axis make_axis(const std::vector<double>& values, bool log, bool fixed, double lo,
               double hi) {
  Axis axis;
  axis.log = log;
  if (fixed && lo < hi && (!log || lo > 0)) {
    axis.lo = lo;
    axis.hi = hi;
    return axis;
  }
  double mn = std::numeric_limits<double>::infinity(), mx = -mn;
  for (double v : values) {
    if (!std::isfinite(v) || (log && v <= 0)) continue;
    mn = std::min(mn, v);
    mx = std::max(mx, v);
  }
  if (mn > mx) {  // nothing to show
    mn = log ? 1 : 0;
    mx = log ? 10 : 1;
  }
  if (log) {
    double a = std::log10(mn), b = std::log10(mx);
    if (b - a < 1e-9) a -= 0.5, b += 0.5;
    const double pad = 0.04 * (b - a);
    axis.lo = std::pow(10.0, a - pad);
    axis.hi = std::pow(10.0, b + pad);
  } else {
    if (mx - mn < 1e-12 * std::max(1.0, std::abs(mx))) {
      const double d = mx == 0 ? 1 : std::abs(mx) * 0.1;
      mn -= d, mx += d;
    }
    const double pad = 0.04 * (mx - mn);
    axis.lo = mn - pad;
    axis.hi = mx + pad;
  }
  return axis;
}

}  // namespace d2l::svg
