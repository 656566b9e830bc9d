// Batch normalization on the host: per-channel statistics, the normalization
// and its gradient, one channel (or one row) per task over the library's
// threads. Sums run in float over 16 lanes inside a row and in double across
// rows, so long channels (N * H * W values) keep their precision.
#include <cmath>

#include "core/parallel.hpp"
#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

namespace {

constexpr int kLanes = 16;

// sum(p[i]) over a contiguous row, in float lanes the compiler vectorizes.
double row_sum(const float* p, int64_t n) {
  if (n < kLanes) {  // short rows ((N, C) batches have rows of 1): no lanes
    double s = 0;
    for (int64_t i = 0; i < n; ++i) s += p[i];
    return s;
  }
  float lane[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) lane[k] += p[i + k];
  }
  double s = 0;
  for (int k = 0; k < kLanes; ++k) s += lane[k];
  for (; i < n; ++i) s += p[i];
  return s;
}

// sum((p[i] - m)^2) over a contiguous row.
double row_sq_dev(const float* p, int64_t n, float m) {
  if (n < kLanes) {
    double s = 0;
    for (int64_t i = 0; i < n; ++i) s += double(p[i] - m) * (p[i] - m);
    return s;
  }
  float lane[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) {
      const float t = p[i + k] - m;
      lane[k] += t * t;
    }
  }
  double s = 0;
  for (int k = 0; k < kLanes; ++k) s += lane[k];
  for (; i < n; ++i) s += double(p[i] - m) * (p[i] - m);
  return s;
}

// sum(dy[i]) and sum(dy[i] * (x[i] - m)) over a contiguous row.
void row_grad_sums(const float* dy, const float* x, int64_t n, float m, double& s_dy,
                   double& s_dyx) {
  if (n < kLanes) {
    for (int64_t i = 0; i < n; ++i) {
      s_dy += dy[i];
      s_dyx += double(dy[i]) * (x[i] - m);
    }
    return;
  }
  float a[kLanes] = {}, b[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) {
      a[k] += dy[i + k];
      b[k] += dy[i + k] * (x[i + k] - m);
    }
  }
  for (int k = 0; k < kLanes; ++k) {
    s_dy += a[k];
    s_dyx += b[k];
  }
  for (; i < n; ++i) {
    s_dy += dy[i];
    s_dyx += double(dy[i]) * (x[i] - m);
  }
}

}  // namespace

void batch_norm_stats(Device d, const float* x, float* mean, float* var, int64_t outer,
                      int64_t c, int64_t inner) {
  const double m = double(outer) * double(inner);
  detail::parallel_for(c, [&](int64_t j) {
    double s = 0;
    for (int64_t o = 0; o < outer; ++o) s += row_sum(x + (o * c + j) * inner, inner);
    const float mu = m > 0 ? float(s / m) : 0.0f;
    double q = 0;  // a second pass: no cancellation in E[x^2] - E[x]^2
    for (int64_t o = 0; o < outer; ++o) {
      q += row_sq_dev(x + (o * c + j) * inner, inner, mu);
    }
    mean[j] = mu;
    var[j] = m > 0 ? float(q / m) : 0.0f;
  });
}

void batch_norm_inv_std(Device d, const float* var, float* inv_std, int64_t c,
                        float eps) {
  for (int64_t j = 0; j < c; ++j) inv_std[j] = 1.0f / std::sqrt(var[j] + eps);
}

void batch_norm_moving_update(Device d, float* moving, const float* batch, int64_t c,
                              float momentum) {
  for (int64_t j = 0; j < c; ++j) {
    moving[j] = momentum * moving[j] + (1.0f - momentum) * batch[j];
  }
}

void batch_norm_apply(Device d, const float* x, const float* mean, const float* inv_std,
                      const float* gamma, const float* beta, float* y, int64_t outer,
                      int64_t c, int64_t inner) {
  // y = x * scale + shift per channel, one (o, j) row per task when rows are
  // long, else one outer index (c rows) per task.
  auto row = [&](int64_t o, int64_t j) {
    const float scale = gamma[j] * inv_std[j], shift = beta[j] - mean[j] * scale;
    const float* xp = x + (o * c + j) * inner;
    float* yp = y + (o * c + j) * inner;
    for (int64_t i = 0; i < inner; ++i) yp[i] = xp[i] * scale + shift;
  };
  if (inner >= 256) {
    detail::parallel_for(outer * c, [&](int64_t t) { row(t / c, t % c); });
  } else {
    detail::parallel_for(outer, [&](int64_t o) {
      for (int64_t j = 0; j < c; ++j) row(o, j);
    });
  }
}

void batch_norm_backward(Device d, const float* x, const float* dy, const float* mean,
                         const float* inv_std, const float* gamma, float* dx,
                         float* dgamma, float* dbeta, int64_t outer, int64_t c,
                         int64_t inner, bool batch_stats) {
  const double m = double(outer) * double(inner);
  detail::parallel_for(c, [&](int64_t j) {
    const float mu = mean[j], is = inv_std[j];
    double s_dy = 0, s_dyx = 0;  // sum(dy), sum(dy * (x - mean))
    for (int64_t o = 0; o < outer; ++o) {
      const int64_t at = (o * c + j) * inner;
      row_grad_sums(dy + at, x + at, inner, mu, s_dy, s_dyx);
    }
    const float db = float(s_dy), dg = float(s_dyx * is);  // sum(dy * xhat)
    dbeta[j] = db;
    dgamma[j] = dg;
    if (!dx) return;
    const float k = gamma[j] * is;
    // dx = k dy - k (db / m) - k (dg / m) xhat, xhat = (x - mu) is.
    const float a = batch_stats ? float(k * db / m) : 0.0f;
    const float b = batch_stats ? float(k * dg / m) * is : 0.0f;
    for (int64_t o = 0; o < outer; ++o) {
      const int64_t at = (o * c + j) * inner;
      const float* xp = x + at;
      const float* gp = dy + at;
      float* dxp = dx + at;
      for (int64_t i = 0; i < inner; ++i) dxp[i] = k * gp[i] - a - b * (xp[i] - mu);
    }
  });
}

}  // namespace d2l::kernels::cpu
