// Elementwise kernels on the host: fill, copy, unary math (through xtensor on
// adapted buffers) and binary ops with NumPy broadcasting.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>

#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

namespace d2l::kernels {

void fill(Device d, float* y, int64_t n, float value) {
  require_host(d, "fill");
  std::fill(y, y + n, value);
}

void copy(Device d, const float* x, float* y, int64_t n) {
  require_host(d, "copy");
  if (x != y) std::memcpy(y, x, size_t(n) * sizeof(float));
}

void unary(Device d, Unary op, const float* x, float* y, int64_t n) {
  require_host(d, "unary");
  auto shape = std::array<size_t, 1>{size_t(n)};
  auto in = xt::adapt(x, size_t(n), xt::no_ownership(), shape);
  auto out = xt::adapt(y, size_t(n), xt::no_ownership(), shape);
  switch (op) {
    case Unary::neg:
      out = -in;
      break;
    case Unary::exp:
      out = xt::exp(in);
      break;
    case Unary::log:
      out = xt::log(in);
      break;
    case Unary::sqrt:
      out = xt::sqrt(in);
      break;
    case Unary::square:
      out = in * in;
      break;
    case Unary::abs:
      out = xt::abs(in);
      break;
    case Unary::relu:
      out = xt::maximum(in, 0.0f);
      break;
    case Unary::tanh:
      out = xt::tanh(in);
      break;
    case Unary::step:
      out = xt::where(in > 0.0f, 1.0f, 0.0f);
      break;
    case Unary::sigmoid:
      // Two branches keep exp() from overflowing for large |x|.
      for (int64_t i = 0; i < n; ++i) {
        float v = x[i];
        if (v >= 0) {
          y[i] = 1.0f / (1.0f + std::exp(-v));
        } else {
          float e = std::exp(v);
          y[i] = e / (1.0f + e);
        }
      }
      break;
  }
}

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

namespace {

// Walks the output in row-major order; the innermost axis is a tight loop.
template <class F>
void broadcast_loop(F f, const float* a, const float* b, float* y,
                    const BroadcastPlan& p) {
  const int nd = int(p.out.size());
  const int64_t total = shape_size(p.out);
  if (total == 0) return;
  if (nd == 0) {
    y[0] = f(a[0], b[0]);
    return;
  }
  const int64_t inner = p.out[nd - 1];
  const int64_t as = p.a_strides[nd - 1], bs = p.b_strides[nd - 1];
  std::vector<int64_t> idx(nd, 0);
  int64_t a_off = 0, b_off = 0;
  for (int64_t done = 0; done < total; done += inner) {
    float* yr = y + done;
    const float* ar = a + a_off;
    const float* br = b + b_off;
    if (as == 1 && bs == 1) {
      for (int64_t i = 0; i < inner; ++i) yr[i] = f(ar[i], br[i]);
    } else if (as == 1 && bs == 0) {
      const float bv = br[0];
      for (int64_t i = 0; i < inner; ++i) yr[i] = f(ar[i], bv);
    } else if (as == 0 && bs == 1) {
      const float av = ar[0];
      for (int64_t i = 0; i < inner; ++i) yr[i] = f(av, br[i]);
    } else {
      for (int64_t i = 0; i < inner; ++i) yr[i] = f(ar[i * as], br[i * bs]);
    }
    // Advance the multi-index over the outer axes.
    for (int ax = nd - 2; ax >= 0; --ax) {
      a_off += p.a_strides[ax];
      b_off += p.b_strides[ax];
      if (++idx[ax] < p.out[ax]) break;
      a_off -= p.a_strides[ax] * p.out[ax];
      b_off -= p.b_strides[ax] * p.out[ax];
      idx[ax] = 0;
    }
  }
}

}  // namespace

void binary(Device d, Binary op, const float* a, const float* b, float* y,
            const BroadcastPlan& p) {
  require_host(d, "binary");
  auto run = [&](auto f) { broadcast_loop(f, a, b, y, p); };
  switch (op) {
    case Binary::add:
      run([](float u, float v) { return u + v; });
      break;
    case Binary::sub:
      run([](float u, float v) { return u - v; });
      break;
    case Binary::mul:
      run([](float u, float v) { return u * v; });
      break;
    case Binary::div:
      run([](float u, float v) { return u / v; });
      break;
    case Binary::pow:
      run([](float u, float v) { return std::pow(u, v); });
      break;
    case Binary::max:
      run([](float u, float v) { return u > v ? u : v; });
      break;
    case Binary::min:
      run([](float u, float v) { return u < v ? u : v; });
      break;
    case Binary::eq:
      run([](float u, float v) { return float(u == v); });
      break;
    case Binary::ne:
      run([](float u, float v) { return float(u != v); });
      break;
    case Binary::gt:
      run([](float u, float v) { return float(u > v); });
      break;
    case Binary::ge:
      run([](float u, float v) { return float(u >= v); });
      break;
    case Binary::lt:
      run([](float u, float v) { return float(u < v); });
      break;
    case Binary::le:
      run([](float u, float v) { return float(u <= v); });
      break;
  }
}

}  // namespace d2l::kernels
