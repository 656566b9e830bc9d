// Elementwise kernels on the host: fill, copy, unary math (through xtensor on
// adapted buffers) and binary ops with NumPy broadcasting.
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>

#include "core/parallel.hpp"
#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

void fill(Device d, float* y, int64_t n, float value) { std::fill(y, y + n, value); }

void copy(Device d, const float* x, float* y, int64_t n) {
  if (x != y) std::memcpy(y, x, size_t(n) * sizeof(float));
}

namespace {

// Arrays at least this long are split into chunks of this size over the
// library's threads; shorter ones are not worth waking a thread for.
constexpr int64_t kChunk = 1 << 15;

template <class F>
void in_chunks(int64_t n, F&& body) {
  if (n <= kChunk) return body(0, n);
  detail::parallel_for((n + kChunk - 1) / kChunk, [&](int64_t c) {
    body(c * kChunk, std::min(n, (c + 1) * kChunk));
  });
}

#ifdef __AVX512F__
// glibc's vector math library (libmvec): exp, log and tanh of 16 floats at a
// time, accurate to a few ulp. GCC only calls these by itself under
// -ffast-math, which would also change how NaNs compare, so we call them.
extern "C" __m512 _ZGVeN16v_expf(__m512);
extern "C" __m512 _ZGVeN16v_logf(__m512);
extern "C" __m512 _ZGVeN16v_tanhf(__m512);

// y = f(x) sixteen at a time (`vec`), then the tail one at a time (`one`).
template <class V, class S>
void map16(const float* x, float* y, int64_t n, V vec, S one) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, vec(_mm512_loadu_ps(x + i)));
  for (; i < n; ++i) y[i] = one(x[i]);
}

void exp_chunk(const float* x, float* y, int64_t n) {
  map16(x, y, n, _ZGVeN16v_expf, [](float v) { return std::exp(v); });
}
void log_chunk(const float* x, float* y, int64_t n) {
  map16(x, y, n, _ZGVeN16v_logf, [](float v) { return std::log(v); });
}
void tanh_chunk(const float* x, float* y, int64_t n) {
  map16(x, y, n, _ZGVeN16v_tanhf, [](float v) { return std::tanh(v); });
}
void sigmoid_chunk(const float* x, float* y, int64_t n) {
  const __m512 one = _mm512_set1_ps(1.0f);
  map16(
      x, y, n,
      [one](__m512 v) {
        // exp(-v) overflows to inf for v < -88, which still gives the right 0.
        __m512 e = _ZGVeN16v_expf(_mm512_sub_ps(_mm512_setzero_ps(), v));
        return _mm512_div_ps(one, _mm512_add_ps(one, e));
      },
      [](float v) { return 1.0f / (1.0f + std::exp(-v)); });
}
#else
void exp_chunk(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = std::exp(x[i]);
}
void log_chunk(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = std::log(x[i]);
}
void tanh_chunk(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
}
void sigmoid_chunk(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = 1.0f / (1.0f + std::exp(-x[i]));
}
#endif

void unary_chunk(Unary op, const float* x, float* y, int64_t n) {
  auto shape = std::array<size_t, 1>{size_t(n)};
  auto in = xt::adapt(x, size_t(n), xt::no_ownership(), shape);
  auto out = xt::adapt(y, size_t(n), xt::no_ownership(), shape);
  switch (op) {
    case Unary::neg:
      out = -in;
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
    case Unary::step:
      out = xt::where(in > 0.0f, 1.0f, 0.0f);
      break;
    case Unary::exp:
      exp_chunk(x, y, n);
      break;
    case Unary::log:
      log_chunk(x, y, n);
      break;
    case Unary::tanh:
      tanh_chunk(x, y, n);
      break;
    case Unary::sigmoid:
      sigmoid_chunk(x, y, n);
      break;
  }
}

}  // namespace

void unary(Device d, Unary op, const float* x, float* y, int64_t n) {
  in_chunks(n, [&](int64_t lo, int64_t hi) { unary_chunk(op, x + lo, y + lo, hi - lo); });
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
  // Common cases as one flat loop, split over threads when long: both inputs
  // of the output's shape, or one of them a single value.
  const InputLayout la = layout_of(p.a_strides, p.out),
                    lb = layout_of(p.b_strides, p.out);
  if (la != InputLayout::other && lb != InputLayout::other) {
    in_chunks(total, [&](int64_t lo, int64_t hi) {
      if (la == InputLayout::full && lb == InputLayout::full) {
        for (int64_t i = lo; i < hi; ++i) y[i] = f(a[i], b[i]);
      } else if (la == InputLayout::full) {
        const float bv = b[0];
        for (int64_t i = lo; i < hi; ++i) y[i] = f(a[i], bv);
      } else if (lb == InputLayout::full) {
        const float av = a[0];
        for (int64_t i = lo; i < hi; ++i) y[i] = f(av, b[i]);
      } else {
        for (int64_t i = lo; i < hi; ++i) y[i] = f(a[0], b[0]);
      }
    });
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
    case Binary::sigmoid_grad:  // a = incoming gradient, b = sigmoid's output
      run([](float g, float y) { return g * y * (1.0f - y); });
      break;
    case Binary::tanh_grad:  // b = tanh's output
      run([](float g, float y) { return g * (1.0f - y * y); });
      break;
    case Binary::relu_grad:  // b = relu's input or output (> 0 at the same places)
      run([](float g, float x) { return x > 0.0f ? g : 0.0f; });
      break;
    case Binary::le:
      run([](float u, float v) { return float(u <= v); });
      break;
  }
}

}  // namespace d2l::kernels::cpu
