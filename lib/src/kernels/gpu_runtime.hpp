#pragma once
// The few CUDA runtime calls the rest of the library needs: counting devices,
// device memory and copies. Implemented in cuda/runtime.cu when built with CUDA
// and in kernels/gpu_runtime_none.cpp otherwise.

#include <cstddef>
#include <string>

namespace d2l::gpu_runtime {

/// Usable CUDA devices; 0 on any error (no driver, no device, no CUDA build).
int device_count();
/// One line for a reader: which GPUs there are, or why there are none.
std::string status();
/// Device memory on GPU `id`; throws a clear error where there is no such GPU.
float* allocate(int id, size_t count);
void release(int id, float* ptr);
void copy_to_device(int id, float* dst, const float* src, size_t count);
void copy_to_host(int id, float* dst, const float* src, size_t count);

}  // namespace d2l::gpu_runtime
