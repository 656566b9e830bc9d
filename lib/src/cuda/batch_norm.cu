// Batch normalization on a GPU, as in src/cpu/batch_norm.cpp. Buffers are
// (outer, c, inner) around the channel axis. Per-channel sums take one block
// per channel and accumulate in double (a shared-memory reduction), so long
// channels (N * H * W values) keep their precision; the elementwise parts use
// the whole grid.
#include <algorithm>

#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

// Grids loop over channels (x) and chunks of a channel (y) past these.
constexpr int64_t kMaxChannelBlocks = 65535;
constexpr int64_t kMaxChunks = 65535;

struct Add {
  __device__ double operator()(double a, double b) const { return a + b; }
};

// Position of value e (of m = outer * inner) of channel j.
__device__ inline int64_t at(int64_t e, int64_t j, int64_t c, int64_t inner) {
  return ((e / inner) * c + j) * inner + e % inner;
}

// Two passes per channel like the CPU: the mean, then the mean of squared
// deviations from it (no cancellation as in E[x^2] - E[x]^2). The variance is
// the biased one (divided by m).
__global__ void stats_kernel(const float* x, float* mean, float* var, int64_t outer,
                             int64_t c, int64_t inner) {
  __shared__ float mean_shared;
  const int64_t count = outer * inner;
  const double m = double(outer) * double(inner);
  for (int64_t j = blockIdx.x; j < c; j += gridDim.x) {
    double s = 0;
    for (int64_t e = threadIdx.x; e < count; e += blockDim.x) s += x[at(e, j, c, inner)];
    s = block_reduce(s, 0.0, Add{});
    if (threadIdx.x == 0) mean_shared = m > 0 ? float(s / m) : 0.0f;
    __syncthreads();
    const float mu = mean_shared;
    double q = 0;
    for (int64_t e = threadIdx.x; e < count; e += blockDim.x) {
      const double dev = x[at(e, j, c, inner)] - mu;  // the float difference, as the CPU
      q += dev * dev;
    }
    // Its first barrier also ends every thread's read of mean_shared.
    q = block_reduce(q, 0.0, Add{});
    if (threadIdx.x == 0) {
      mean[j] = mu;
      var[j] = m > 0 ? float(q / m) : 0.0f;
    }
  }
}

__global__ void inv_std_kernel(const float* var, float* inv_std, int64_t c, float eps) {
  // Not rsqrtf: the correctly rounded sqrt and division, as the CPU's.
  for (int64_t j = thread_index(); j < c; j += grid_stride()) {
    inv_std[j] = 1.0f / sqrtf(var[j] + eps);
  }
}

__global__ void moving_update_kernel(float* moving, const float* batch, int64_t c,
                                     float momentum) {
  for (int64_t j = thread_index(); j < c; j += grid_stride()) {
    moving[j] = momentum * moving[j] + (1.0f - momentum) * batch[j];
  }
}

// y = x * scale + shift with the CPU's per-channel scale and shift. Each
// element is read before it is written by the same thread, so y may alias x.
__global__ void apply_kernel(const float* x, const float* mean, const float* inv_std,
                             const float* gamma, const float* beta, float* y,
                             int64_t total, int64_t c, int64_t inner) {
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t j = (t / inner) % c;
    const float scale = gamma[j] * inv_std[j], shift = beta[j] - mean[j] * scale;
    y[t] = x[t] * scale + shift;
  }
}

// Per channel: dbeta = sum(dy) and dgamma = sum(dy * (x - mean)) * inv_std,
// in double as the CPU.
__global__ void grad_sums_kernel(const float* x, const float* dy, const float* mean,
                                 const float* inv_std, float* dgamma, float* dbeta,
                                 int64_t outer, int64_t c, int64_t inner) {
  const int64_t count = outer * inner;
  for (int64_t j = blockIdx.x; j < c; j += gridDim.x) {
    const float mu = mean[j];
    double s_dy = 0, s_dyx = 0;
    for (int64_t e = threadIdx.x; e < count; e += blockDim.x) {
      const int64_t k = at(e, j, c, inner);
      s_dy += dy[k];
      s_dyx += double(dy[k]) * (x[k] - mu);
    }
    s_dy = block_reduce(s_dy, 0.0, Add{});
    s_dyx = block_reduce(s_dyx, 0.0, Add{});
    if (threadIdx.x == 0) {
      dbeta[j] = float(s_dy);
      dgamma[j] = float(s_dyx * inv_std[j]);
    }
  }
}

// dx = k dy - a - b (x - mean), with the CPU's k, a and b per channel (a = b =
// 0 with fixed statistics). Blocks (j, chunk): each thread works out its
// channel's constants once, then strides over the channel's values.
__global__ void grad_input_kernel(const float* x, const float* dy, const float* mean,
                                  const float* inv_std, const float* gamma,
                                  const float* dgamma, const float* dbeta, float* dx,
                                  int64_t outer, int64_t c, int64_t inner,
                                  bool batch_stats) {
  const int64_t count = outer * inner;
  const double m = double(outer) * double(inner);
  const int64_t stride = int64_t(gridDim.y) * blockDim.x;
  for (int64_t j = blockIdx.x; j < c; j += gridDim.x) {
    const float mu = mean[j], is = inv_std[j], db = dbeta[j], dg = dgamma[j];
    const float k = gamma[j] * is;
    const float a = batch_stats ? float(k * db / m) : 0.0f;
    const float b = batch_stats ? float(k * dg / m) * is : 0.0f;
    for (int64_t e = int64_t(blockIdx.y) * blockDim.x + threadIdx.x; e < count;
         e += stride) {
      const int64_t t = at(e, j, c, inner);
      dx[t] = k * dy[t] - a - b * (x[t] - mu);
    }
  }
}

unsigned channel_blocks(int64_t c) { return unsigned(std::min(c, kMaxChannelBlocks)); }

}  // namespace

void batch_norm_stats(Device d, const float* x, float* mean, float* var, int64_t outer,
                      int64_t c, int64_t inner) {
  if (c <= 0) return;
  set_device(d);
  // An empty batch still writes its statistics (0 and 0, as the CPU).
  stats_kernel<<<channel_blocks(c), kThreads>>>(x, mean, var, outer, c, inner);
  check_launch("batch_norm_stats");
}

void batch_norm_inv_std(Device d, const float* var, float* inv_std, int64_t c,
                        float eps) {
  if (c <= 0) return;
  set_device(d);
  inv_std_kernel<<<blocks_for(c), kThreads>>>(var, inv_std, c, eps);
  check_launch("batch_norm_inv_std");
}

void batch_norm_moving_update(Device d, float* moving, const float* batch, int64_t c,
                              float momentum) {
  if (c <= 0) return;
  set_device(d);
  moving_update_kernel<<<blocks_for(c), kThreads>>>(moving, batch, c, momentum);
  check_launch("batch_norm_moving_update");
}

void batch_norm_apply(Device d, const float* x, const float* mean, const float* inv_std,
                      const float* gamma, const float* beta, float* y, int64_t outer,
                      int64_t c, int64_t inner) {
  const int64_t total = outer * c * inner;
  if (total <= 0) return;
  set_device(d);
  apply_kernel<<<blocks_for(total), kThreads>>>(x, mean, inv_std, gamma, beta, y, total,
                                                c, inner);
  check_launch("batch_norm_apply");
}

void batch_norm_backward(Device d, const float* x, const float* dy, const float* mean,
                         const float* inv_std, const float* gamma, float* dx,
                         float* dgamma, float* dbeta, int64_t outer, int64_t c,
                         int64_t inner, bool batch_stats) {
  if (c <= 0) return;
  set_device(d);
  grad_sums_kernel<<<channel_blocks(c), kThreads>>>(x, dy, mean, inv_std, dgamma, dbeta,
                                                    outer, c, inner);
  check_launch("batch_norm_backward");
  const int64_t count = outer * inner;
  if (!dx || count <= 0) return;
  // Enough chunks per channel for some eight values per thread.
  const int64_t chunks =
      std::clamp<int64_t>((count + kThreads * 8 - 1) / (kThreads * 8), 1, kMaxChunks);
  const dim3 grid(channel_blocks(c), unsigned(chunks));
  // After grad_sums_kernel on the same stream: dgamma and dbeta are ready.
  grad_input_kernel<<<grid, kThreads>>>(x, dy, mean, inv_std, gamma, dgamma, dbeta, dx,
                                        outer, c, inner, batch_stats);
  check_launch("batch_norm_backward");
}

}  // namespace d2l::kernels::cuda
