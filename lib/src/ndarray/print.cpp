// Printing arrays as MXNet does: NumPy-style nested brackets with aligned
// columns, then a line naming the shape and device.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <string>

#include "d2l/ndarray.hpp"

namespace d2l {

namespace {

constexpr int64_t kSummarizeOver = 1000;  // NumPy's threshold
constexpr int64_t kEdgeItems = 3;

// How every element of one array is written: NumPy's default style, where
// the decimal points line up and trailing zeros become spaces.
struct Format {
  bool scientific = false;
  size_t int_width = 1, frac_width = 0;

  static std::string raw(float v, bool scientific) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[48];
    if (scientific) {
      std::snprintf(buf, sizeof buf, "%.7e", double(v));
      return buf;
    }
    // The fewest decimals that read back as the same float32, as NumPy does.
    for (int digits = 0; digits <= 8; ++digits) {
      std::snprintf(buf, sizeof buf, "%.*f", digits, double(v));
      if (std::strtof(buf, nullptr) == v) break;
    }
    std::string s = buf;
    if (s.find('.') == std::string::npos) s += ".";  // "12." as NumPy writes it
    return s;
  }

  explicit Format(const std::vector<float>& values) {
    for (float v : values) {
      float a = std::fabs(v);
      if (std::isfinite(v) && (a >= 1e8f || (a > 0 && a < 1e-4f))) scientific = true;
    }
    for (float v : values) {
      std::string s = raw(v, scientific);
      size_t dot = s.find('.');
      if (scientific || dot == std::string::npos) {
        int_width = std::max(int_width, s.size());
      } else {
        int_width = std::max(int_width, dot);
        frac_width = std::max(frac_width, s.size() - dot);
      }
    }
  }

  std::string operator()(float v) const {
    std::string s = raw(v, scientific);
    size_t dot = s.find('.');
    if (scientific || dot == std::string::npos) {
      return std::string(
                 int_width + frac_width - std::min(s.size(), int_width + frac_width),
                 ' ') +
             s;
    }
    std::string left(int_width - std::min(dot, int_width), ' ');
    std::string right(frac_width - std::min(s.size() - dot, frac_width), ' ');
    return left + s + right;
  }
};

struct Printer {
  const std::vector<float>& values;
  const Shape& shape;
  bool summarize;
  const Format& format;
  std::ostream& os;

  // Indices along an axis that are shown (all, or the edges around "...").
  bool skipped(int64_t i, int64_t n) const {
    return summarize && n > 2 * kEdgeItems && i >= kEdgeItems && i < n - kEdgeItems;
  }

  void print(size_t axis, int64_t offset, int64_t stride) {
    const int64_t n = shape[axis];
    const int64_t inner = stride / (n ? n : 1);
    os << "[";
    bool dots_done = false;
    for (int64_t i = 0; i < n; ++i) {
      if (skipped(i, n)) {
        if (!dots_done) {
          os << (axis + 1 == shape.size() ? " ..." : "...");
          if (axis + 1 < shape.size()) os << "\n" << std::string(axis + 1, ' ');
          dots_done = true;
        }
        continue;
      }
      if (axis + 1 == shape.size()) {
        if (i > 0) os << " ";
        os << format(values[size_t(offset + i)]);
      } else {
        if (i > 0) {
          os << std::string(shape.size() - axis - 1, '\n') << std::string(axis + 1, ' ');
        }
        print(axis + 1, offset + i * inner, inner);
      }
    }
    os << "]";
  }
};

}  // namespace

std::ostream& operator<<(std::ostream& os, const NDArray& x) {
  if (!x.defined()) return os << "<NDArray empty handle>";
  const Shape& shape = x.shape();
  std::vector<float> values = x.to_vector();
  Format format(values);
  if (shape.empty()) {
    os << Format::raw(values[0], format.scientific);
  } else if (x.size() == 0) {
    os << "[]";
  } else {
    Printer p{values, shape, x.size() > kSummarizeOver, format, os};
    p.print(0, 0, x.size());
  }
  std::string dims;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) dims += 'x';
    dims += std::to_string(shape[i]);
  }
  return os << "\n<NDArray " << (shape.empty() ? "scalar" : dims) << " @"
            << x.context().str() << ">";
}

std::ostream& operator<<(std::ostream& os, const SliceRef& x) { return os << x.get(); }

}  // namespace d2l
