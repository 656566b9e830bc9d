// Kernels that move elements around on the host: permutation, box copies
// (slicing and concatenation), gathers and scatters along an axis, and copies
// between devices.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/parallel.hpp"
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

// The permutation with runs of axes that stay adjacent and in order merged
// into one: (F, C, T) -> (T, F, C) is (F*C, T) -> (T, F*C), a transpose.
void merge_axes(const Shape& x_shape, const std::vector<int>& perm, Shape& shape,
                std::vector<int>& merged) {
  const int nd = int(perm.size());
  Shape sizes;                  // of each group, in y order
  std::vector<int> first_axis;  // x axis that starts each group, in y order
  for (int i = 0; i < nd; ++i) {
    if (i > 0 && perm[i] == perm[i - 1] + 1) {
      sizes.back() *= x_shape[perm[i]];
    } else {
      sizes.push_back(x_shape[perm[i]]);
      first_axis.push_back(perm[i]);
    }
  }
  // Groups in x order give the merged x shape; merged[i] is y group i's x position.
  std::vector<int> order(first_axis.size());
  for (size_t g = 0; g < order.size(); ++g) order[g] = int(g);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return first_axis[a] < first_axis[b]; });
  shape.assign(order.size(), 1);
  merged.assign(order.size(), 0);
  for (size_t pos = 0; pos < order.size(); ++pos) {
    shape[pos] = sizes[order[pos]];
    merged[order[pos]] = int(pos);
  }
}

// y (cols, rows) = x (rows, cols)^T, for each of `batch` matrices, in 16 x 16
// blocks that stay in cache.
void transpose_blocks(const float* x, float* y, int64_t batch, int64_t rows,
                      int64_t cols) {
  constexpr int64_t kBlock = 16;
  const int64_t row_blocks = (rows + kBlock - 1) / kBlock;
  detail::parallel_for(batch * row_blocks, [&](int64_t task) {
    const int64_t b = task / row_blocks, r0 = task % row_blocks * kBlock;
    const int64_t r1 = std::min(rows, r0 + kBlock);
    const float* xb = x + b * rows * cols;
    float* yb = y + b * rows * cols;
    for (int64_t c0 = 0; c0 < cols; c0 += kBlock) {
      const int64_t c1 = std::min(cols, c0 + kBlock);
      for (int64_t c = c0; c < c1; ++c) {
        for (int64_t r = r0; r < r1; ++r) yb[c * rows + r] = xb[r * cols + c];
      }
    }
  });
}

}  // namespace

void permute(Device d, const float* x, float* y, const Shape& x_shape,
             const std::vector<int>& perm_in) {
  const int64_t total = shape_size(x_shape);
  if (total == 0) return;
  Shape shape;  // x's shape with merged axes
  std::vector<int> perm;
  merge_axes(x_shape, perm_in, shape, perm);
  const int nd = int(shape.size());
  if (nd == 1) return copy(d, x, y, total);
  // A transpose, or one per leading index: blocks of rows and columns.
  if (nd == 2 || (nd == 3 && perm[0] == 0)) {
    const int64_t rows = shape[nd - 2], cols = shape[nd - 1];
    return transpose_blocks(x, y, total / (rows * cols), rows, cols);
  }
  auto xs = row_major_strides(shape);
  Shape y_shape(nd);
  std::vector<int64_t> src_stride(nd);  // stride in x of each y axis
  for (int i = 0; i < nd; ++i) {
    y_shape[i] = shape[perm[i]];
    src_stride[i] = xs[perm[i]];
  }
  // The last axis kept (images and channels swapped, say): whole rows at once.
  const bool rows_kept = perm[nd - 1] == nd - 1;
  const int64_t inner = rows_kept ? shape[nd - 1] : 1;
  const int axes = rows_kept ? nd - 1 : nd;
  const int64_t outer = total / inner;
  constexpr int64_t kRowsPerTask = 1024;
  detail::parallel_for((outer + kRowsPerTask - 1) / kRowsPerTask, [&](int64_t task) {
    const int64_t k0 = task * kRowsPerTask, k1 = std::min(outer, k0 + kRowsPerTask);
    std::vector<int64_t> idx(axes, 0);  // y index of row k0
    int64_t off = 0, rest = k0;
    for (int ax = axes - 1; ax >= 0; --ax) {
      idx[ax] = rest % y_shape[ax];
      rest /= y_shape[ax];
      off += idx[ax] * src_stride[ax];
    }
    for (int64_t k = k0; k < k1; ++k) {
      const float* src = x + off;
      float* dst = y + k * inner;
      for (int64_t t = 0; t < inner; ++t) dst[t] = src[t];
      for (int ax = axes - 1; ax >= 0; --ax) {
        off += src_stride[ax];
        if (++idx[ax] < y_shape[ax]) break;
        off -= src_stride[ax] * y_shape[ax];
        idx[ax] = 0;
      }
    }
  });
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
