// GPU runtime calls, answered by the emulated test device or by CUDA.
#include "kernels/gpu_runtime.hpp"

#include "core/gpu_emulator.hpp"
#include "d2l/error.hpp"

namespace d2l::gpu_runtime {

namespace emulated = gpu_emulator;

namespace {
void require_emulated_device(int id) {
  if (id != 0) {
    throw d2l::Error("gpu(" + std::to_string(id) +
                     ") does not exist (the emulated test device is gpu(0) only); use "
                     "gpu(0), cpu() or try_gpu()");
  }
}
}  // namespace

int device_count() { return emulated::active() ? 1 : cuda_runtime::device_count(); }

std::string status() {
  if (emulated::active()) {
    return "1 GPU: gpu(0) emulated in host memory (D2L_EMULATE_GPU=1; its kernels are "
           "the CPU's)";
  }
  return cuda_runtime::status();
}

float* allocate(int id, size_t count) {
  if (!emulated::active()) return cuda_runtime::allocate(id, count);
  require_emulated_device(id);
  return emulated::allocate(count);
}

void release(int id, float* ptr) {
  if (emulated::active()) return emulated::release(ptr);
  cuda_runtime::release(id, ptr);
}

void copy_to_device(int id, float* dst, const float* src, size_t count) {
  if (!emulated::active()) return cuda_runtime::copy_to_device(id, dst, src, count);
  require_emulated_device(id);
  emulated::copy(dst, src, count);
}

void copy_to_host(int id, float* dst, const float* src, size_t count) {
  if (!emulated::active()) return cuda_runtime::copy_to_host(id, dst, src, count);
  require_emulated_device(id);
  emulated::copy(dst, src, count);
}

}  // namespace d2l::gpu_runtime
