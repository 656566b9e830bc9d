// The one place that routes each primitive by the device its buffers live on:
// host memory to src/cpu/, a GPU to src/cuda/, and the emulated test device
// (D2L_EMULATE_GPU=1) to the CPU kernels with its memory opened for the call.
// Ops and layers call only these, never a backend, so an array on a device
// reaches only kernels written for it.
#include <cstring>
#include <vector>

#include "core/gpu_emulator.hpp"
#include "d2l/error.hpp"
#include "kernels/backends.hpp"
#include "kernels/gpu_runtime.hpp"

namespace d2l::kernels {

#ifdef D2L_WITH_CUDA
#define D2L_CUDA_KERNEL(kernel, ...) cuda::kernel(__VA_ARGS__)
#else
namespace {
// Unreachable in practice: without CUDA no gpu array can be allocated.
[[noreturn]] void no_cuda_kernels(const char* kernel) {
  throw d2l::Error(std::string(kernel) +
                   ": this build of d2l has no CUDA kernels; use cpu(), or configure "
                   "with -DD2L_WITH_CUDA=ON");
}
}  // namespace
#define D2L_CUDA_KERNEL(kernel, ...) (no_cuda_kernels(#kernel), cpu::kernel(__VA_ARGS__))
#endif

// The body of every entry point below: `d` is the device of the buffers.
#define D2L_ROUTE(d, kernel, ...)                                   \
  if ((d).type == DeviceType::cpu) return cpu::kernel(__VA_ARGS__); \
  if (gpu_emulator::active()) {                                     \
    gpu_emulator::KernelAccess open_memory;                         \
    return cpu::kernel(__VA_ARGS__);                                \
  }                                                                 \
  return D2L_CUDA_KERNEL(kernel, __VA_ARGS__)

void fill(Device d, float* y, int64_t n, float value) {
  D2L_ROUTE(d, fill, d, y, n, value);
}
void copy(Device d, const float* x, float* y, int64_t n) {
  D2L_ROUTE(d, copy, d, x, y, n);
}
void unary(Device d, Unary op, const float* x, float* y, int64_t n) {
  D2L_ROUTE(d, unary, d, op, x, y, n);
}
void binary(Device d, Binary op, const float* a, const float* b, float* y,
            const BroadcastPlan& plan) {
  D2L_ROUTE(d, binary, d, op, a, b, y, plan);
}
void reduce(Device d, Reduce op, const float* x, float* y, int64_t outer, int64_t r,
            int64_t inner) {
  D2L_ROUTE(d, reduce, d, op, x, y, outer, r, inner);
}
void argmax(Device d, const float* x, float* y, int64_t outer, int64_t r, int64_t inner) {
  D2L_ROUTE(d, argmax, d, x, y, outer, r, inner);
}
void gemm(Device d, bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k,
          float alpha, const float* a, const float* b, float beta, float* c) {
  D2L_ROUTE(d, gemm, d, trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
}
void permute(Device d, const float* x, float* y, const Shape& x_shape,
             const std::vector<int>& perm) {
  D2L_ROUTE(d, permute, d, x, y, x_shape, perm);
}
void copy_box(Device d, const float* src, const Shape& src_shape, const Shape& src_begin,
              float* dst, const Shape& dst_shape, const Shape& dst_begin,
              const Shape& box, bool accumulate) {
  D2L_ROUTE(d, copy_box, d, src, src_shape, src_begin, dst, dst_shape, dst_begin, box,
            accumulate);
}
void gather_axis(Device d, const float* x, const float* index, float* y, int64_t outer,
                 int64_t n, int64_t inner, int64_t m) {
  D2L_ROUTE(d, gather_axis, d, x, index, y, outer, n, inner, m);
}
void scatter_add_axis(Device d, const float* y, const float* index, float* x,
                      int64_t outer, int64_t n, int64_t inner, int64_t m) {
  D2L_ROUTE(d, scatter_add_axis, d, y, index, x, outer, n, inner, m);
}
void pick(Device d, const float* data, const float* index, float* y, int64_t outer,
          int64_t n, int64_t inner) {
  D2L_ROUTE(d, pick, d, data, index, y, outer, n, inner);
}
void pick_scatter(Device d, const float* grad, const float* index, float* data_grad,
                  int64_t outer, int64_t n, int64_t inner) {
  D2L_ROUTE(d, pick_scatter, d, grad, index, data_grad, outer, n, inner);
}
void im2col(Device d, const float* x, float* cols, const Window2D& g, int64_t c,
            int64_t n) {
  D2L_ROUTE(d, im2col, d, x, cols, g, c, n);
}
void col2im(Device d, const float* cols, float* x, const Window2D& g, int64_t c,
            int64_t n) {
  D2L_ROUTE(d, col2im, d, cols, x, g, c, n);
}
void pool2d(Device d, Pool op, const float* x, float* y, const Window2D& g,
            int64_t planes) {
  D2L_ROUTE(d, pool2d, d, op, x, y, g, planes);
}
void pool2d_backward(Device d, Pool op, const float* x, const float* dy, float* dx,
                     const Window2D& g, int64_t planes) {
  D2L_ROUTE(d, pool2d_backward, d, op, x, dy, dx, g, planes);
}
void pool2d_max(Device d, const float* x, float* y, float* argmax, const Window2D& g,
                int64_t planes) {
  D2L_ROUTE(d, pool2d_max, d, x, y, argmax, g, planes);
}
void pool2d_max_backward(Device d, const float* dy, const float* argmax, float* dx,
                         const Window2D& g, int64_t planes) {
  D2L_ROUTE(d, pool2d_max_backward, d, dy, argmax, dx, g, planes);
}
void batch_norm_stats(Device d, const float* x, float* mean, float* var, int64_t outer,
                      int64_t c, int64_t inner) {
  D2L_ROUTE(d, batch_norm_stats, d, x, mean, var, outer, c, inner);
}
void batch_norm_inv_std(Device d, const float* var, float* inv_std, int64_t c,
                        float eps) {
  D2L_ROUTE(d, batch_norm_inv_std, d, var, inv_std, c, eps);
}
void batch_norm_moving_update(Device d, float* moving, const float* batch, int64_t c,
                              float momentum) {
  D2L_ROUTE(d, batch_norm_moving_update, d, moving, batch, c, momentum);
}
void batch_norm_apply(Device d, const float* x, const float* mean, const float* inv_std,
                      const float* gamma, const float* beta, float* y, int64_t outer,
                      int64_t c, int64_t inner) {
  D2L_ROUTE(d, batch_norm_apply, d, x, mean, inv_std, gamma, beta, y, outer, c, inner);
}
void batch_norm_backward(Device d, const float* x, const float* dy, const float* mean,
                         const float* inv_std, const float* gamma, float* dx,
                         float* dgamma, float* dbeta, int64_t outer, int64_t c,
                         int64_t inner, bool batch_stats) {
  D2L_ROUTE(d, batch_norm_backward, d, x, dy, mean, inv_std, gamma, dx, dgamma, dbeta,
            outer, c, inner, batch_stats);
}
int64_t first_bad_index(Device d, const float* index, int64_t count, int64_t n) {
  D2L_ROUTE(d, first_bad_index, d, index, count, n);
}

void transfer(const float* src, Device src_device, float* dst, Device dst_device,
              int64_t n) {
  if (n == 0) return;  // empty arrays may have no buffer to copy from
  const bool from_gpu = src_device.type == DeviceType::gpu;
  const bool to_gpu = dst_device.type == DeviceType::gpu;
  if (!from_gpu && !to_gpu) {
    std::memcpy(dst, src, size_t(n) * sizeof(float));
  } else if (!from_gpu) {
    gpu_runtime::copy_to_device(dst_device.id, dst, src, size_t(n));
  } else if (!to_gpu) {
    gpu_runtime::copy_to_host(src_device.id, dst, src, size_t(n));
  } else {  // GPU to GPU through the host keeps the runtime small
    std::vector<float> host(static_cast<size_t>(n));
    gpu_runtime::copy_to_host(src_device.id, host.data(), src, size_t(n));
    gpu_runtime::copy_to_device(dst_device.id, dst, host.data(), size_t(n));
  }
}

}  // namespace d2l::kernels
