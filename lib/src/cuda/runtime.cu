// The GPU runtime on CUDA: device count (any error means "no GPU"), memory and
// copies. Kernels come later, one .cu per family, mirroring src/cpu/.
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

#include "d2l/error.hpp"
#include "kernels/gpu_runtime.hpp"

namespace d2l::cuda_runtime {

namespace {
void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) {
    throw d2l::Error(std::string("gpu: ") + what + " failed: " + cudaGetErrorString(err));
  }
}
void require_device(int id) {
  int n = device_count();
  if (id < 0 || id >= n) {
    throw d2l::Error("gpu(" + std::to_string(id) + ") does not exist (" + status() +
                     "); use cpu() or try_gpu()");
  }
  check(cudaSetDevice(id), "cudaSetDevice");
}
}  // namespace

int device_count() {
  int n = 0;
  // Without a GPU the driver answers with an error rather than zero devices.
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky error
    return 0;
  }
  return n;
}

std::string status() {
  int n = 0;
  cudaError_t err = cudaGetDeviceCount(&n);
  if (err != cudaSuccess) {
    cudaGetLastError();
    return std::string("no GPU: ") + cudaGetErrorString(err);
  }
  if (n == 0) return "no GPU: the CUDA driver reports no devices";
  std::string s = std::to_string(n) + " GPU(s):";
  for (int i = 0; i < n; ++i) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, i) == cudaSuccess) {
      s += std::string(" gpu(") + std::to_string(i) + ") " + prop.name + ";";
    }
  }
  return s;
}

float* allocate(int id, size_t count) {
  require_device(id);
  void* p = nullptr;
  check(cudaMalloc(&p, count * sizeof(float)), "cudaMalloc");
  return static_cast<float*>(p);
}

void release(int id, float* ptr) {
  if (cudaSetDevice(id) == cudaSuccess) cudaFree(ptr);
}

void copy_to_device(int id, float* dst, const float* src, size_t count) {
  require_device(id);
  check(cudaMemcpy(dst, src, count * sizeof(float), cudaMemcpyHostToDevice),
        "copy to GPU");
}

void copy_to_host(int id, float* dst, const float* src, size_t count) {
  require_device(id);
  check(cudaMemcpy(dst, src, count * sizeof(float), cudaMemcpyDeviceToHost),
        "copy from GPU");
}

}  // namespace d2l::cuda_runtime
