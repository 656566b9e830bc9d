// Kernels that move elements around on the host: permutation, box copies
// (slicing and concatenation), gathers and scatters along an axis, and copies
// between devices.
#include <cstring>
#include <stdexcept>
#include <string>

#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

namespace {
std::vector<int64_t> row_major_strides(const Shape& s) {
  std::vector<int64_t> st(s.size(), 1);
  for (int i = int(s.size()) - 2; i >= 0; --i) st[i] = st[i + 1] * s[i + 1];
  return st;
}

int64_t checked_index(float value, int64_t n, const char* op) {
  auto i = int64_t(value);
  if (float(i) != value || i < 0 || i >= n) {
    throw d2l::Error(std::string(op) + ": index " + std::to_string(value) +
                     " is out of range for an axis of length " + std::to_string(n));
  }
  return i;
}
}  // namespace

void permute(Device d, const float* x, float* y, const Shape& x_shape,
             const std::vector<int>& perm) {
  const int nd = int(x_shape.size());
  const int64_t total = shape_size(x_shape);
  if (total == 0) return;
  auto xs = row_major_strides(x_shape);
  Shape y_shape(nd);
  std::vector<int64_t> src_stride(nd);  // stride in x of each y axis
  for (int i = 0; i < nd; ++i) {
    y_shape[i] = x_shape[perm[i]];
    src_stride[i] = xs[perm[i]];
  }
  std::vector<int64_t> idx(nd, 0);
  int64_t off = 0;
  for (int64_t k = 0; k < total; ++k) {
    y[k] = x[off];
    for (int ax = nd - 1; ax >= 0; --ax) {
      off += src_stride[ax];
      if (++idx[ax] < y_shape[ax]) break;
      off -= src_stride[ax] * y_shape[ax];
      idx[ax] = 0;
    }
  }
}

void copy_box(Device d, const float* src, const Shape& src_shape, const Shape& src_begin,
              float* dst, const Shape& dst_shape, const Shape& dst_begin,
              const Shape& box, bool accumulate) {
  const int nd = int(box.size());
  if (shape_size(box) == 0) return;
  if (nd == 0) {
    dst[0] = accumulate ? dst[0] + src[0] : src[0];
    return;
  }
  auto ss = row_major_strides(src_shape);
  auto ds = row_major_strides(dst_shape);
  int64_t s_off = 0, d_off = 0;
  for (int i = 0; i < nd; ++i) {
    s_off += src_begin[i] * ss[i];
    d_off += dst_begin[i] * ds[i];
  }
  const int64_t inner = box[nd - 1];
  const int64_t rows = shape_size(box) / inner;
  std::vector<int64_t> idx(nd, 0);
  for (int64_t r = 0; r < rows; ++r) {
    const float* s = src + s_off;
    float* t = dst + d_off;
    if (accumulate) {
      for (int64_t i = 0; i < inner; ++i) t[i] += s[i];
    } else {
      std::memcpy(t, s, size_t(inner) * sizeof(float));
    }
    for (int ax = nd - 2; ax >= 0; --ax) {
      s_off += ss[ax];
      d_off += ds[ax];
      if (++idx[ax] < box[ax]) break;
      s_off -= ss[ax] * box[ax];
      d_off -= ds[ax] * box[ax];
      idx[ax] = 0;
    }
  }
}

void gather_axis(Device d, const float* x, const float* index, float* y, int64_t outer,
                 int64_t n, int64_t inner, int64_t m) {
  for (int64_t j = 0; j < m; ++j) checked_index(index[j], n, "take");
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < m; ++j) {
      const int64_t src = int64_t(index[j]);
      std::memcpy(y + (o * m + j) * inner, x + (o * n + src) * inner,
                  size_t(inner) * sizeof(float));
    }
  }
}

void scatter_add_axis(Device d, const float* y, const float* index, float* x,
                      int64_t outer, int64_t n, int64_t inner, int64_t m) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < m; ++j) {
      float* t = x + (o * n + int64_t(index[j])) * inner;
      const float* s = y + (o * m + j) * inner;
      for (int64_t i = 0; i < inner; ++i) t[i] += s[i];
    }
  }
}

void pick(Device d, const float* data, const float* index, float* y, int64_t outer,
          int64_t n, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t j = checked_index(index[o * inner + i], n, "pick");
      y[o * inner + i] = data[(o * n + j) * inner + i];
    }
  }
}

void pick_scatter(Device d, const float* grad, const float* index, float* data_grad,
                  int64_t outer, int64_t n, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t j = int64_t(index[o * inner + i]);
      data_grad[(o * n + j) * inner + i] += grad[o * inner + i];
    }
  }
}

int64_t first_bad_index(Device d, const float* index, int64_t count, int64_t n) {
  for (int64_t i = 0; i < count; ++i) {
    const float v = index[i];
    // Written so that NaN fails too.
    if (!(v >= 0 && v < float(n)) || v != float(int64_t(v))) return i;
  }
  return -1;
}

}  // namespace d2l::kernels::cpu
