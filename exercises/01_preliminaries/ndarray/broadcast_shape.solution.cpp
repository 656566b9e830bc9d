// The reference answer to broadcast_shape.cpp.
#include "broadcast_shape.hpp"

#include <algorithm>
#include <stdexcept>

#include "d2l/d2l.hpp"

using namespace d2l;

Shape broadcast_shape(const Shape& a, const Shape& b) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {  // i counts axes from the right
    int64_t la = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t lb = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (la != lb && la != 1 && lb != 1)
      throw std::invalid_argument("shapes " + shape_str(a) + " and " + shape_str(b) +
                                  " do not broadcast");
    out[n - 1 - i] = la == 1 ? lb : la;
  }
  return out;
}
