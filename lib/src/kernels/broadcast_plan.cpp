// How two shapes broadcast onto an output: the same plan on every device.
#include "kernels/kernels.hpp"

namespace d2l::kernels {

BroadcastPlan plan_broadcast(const Shape& a, const Shape& b, const Shape& out) {
  BroadcastPlan plan{out, std::vector<int64_t>(out.size()),
                     std::vector<int64_t>(out.size())};
  auto strides_for = [&](const Shape& s, std::vector<int64_t>& strides) {
    int64_t stride = 1;
    for (int i = int(out.size()) - 1, j = int(s.size()) - 1; i >= 0; --i, --j) {
      if (j >= 0 && s[j] != 1) {
        strides[i] = stride;
        stride *= s[j];
      } else {
        strides[i] = 0;  // broadcast (or a missing leading axis)
      }
    }
  };
  strides_for(a, plan.a_strides);
  strides_for(b, plan.b_strides);
  return plan;
}

InputLayout layout_of(const std::vector<int64_t>& strides, const Shape& out) {
  bool full = true, single = true;
  int64_t expected = 1;
  for (int i = int(out.size()) - 1; i >= 0; --i) {
    if (out[i] == 1) continue;
    if (strides[i] != expected) full = false;
    if (strides[i] != 0) single = false;
    expected *= out[i];
  }
  return full ? InputLayout::full : single ? InputLayout::single : InputLayout::other;
}

}  // namespace d2l::kernels
