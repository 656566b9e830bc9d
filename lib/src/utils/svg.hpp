#pragma once
// Small pieces shared by the SVG writers (internal).
#include <cstdio>
#include <string>

namespace d2l::svg {

/// Text made safe for SVG/XML content and attribute values.
inline std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// A coordinate with one decimal: enough for screens, keeps files small.
inline std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

inline constexpr const char* kFont =
    "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

}  // namespace d2l::svg
