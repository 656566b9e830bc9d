// The GPU runtime of a build without CUDA: no devices, and a clear error on use.
#ifndef D2L_WITH_CUDA

#include <stdexcept>

#include "d2l/error.hpp"
#include "kernels/gpu_runtime.hpp"

namespace d2l::cuda_runtime {

namespace {
[[noreturn]] void no_cuda() {
  throw d2l::Error(
      "gpu: this build of d2l has no CUDA support; use cpu(), or install the "
      "CUDA toolkit and configure with -DD2L_WITH_CUDA=ON");
}
}  // namespace

int device_count() { return 0; }
std::string status() { return "no GPU: d2l was built without CUDA"; }
float* allocate(int, size_t) { no_cuda(); }
void release(int, float*) {}
void copy_to_device(int, float*, const float*, size_t) { no_cuda(); }
void copy_to_host(int, float*, const float*, size_t) { no_cuda(); }

}  // namespace d2l::cuda_runtime

#endif
