#pragma once
// The few runtime calls the rest of the library needs: counting devices,
// device memory and copies. kernels/gpu_runtime.cpp answers them from the
// emulated test device (core/gpu_emulator.hpp) when D2L_EMULATE_GPU=1 and from
// CUDA otherwise: cuda_runtime below, in cuda/runtime.cu when built with CUDA
// and in kernels/cuda_runtime_none.cpp without.

#include <cstddef>
#include <string>

namespace d2l::gpu_runtime {

/// Usable GPUs; 0 on any error (no driver, no device, no CUDA build).
int device_count();
/// One line for a reader: which GPUs there are, or why there are none.
std::string status();
/// Device memory on GPU `id`; throws a clear error where there is no such GPU.
float* allocate(int id, size_t count);
void release(int id, float* ptr);
void copy_to_device(int id, float* dst, const float* src, size_t count);
void copy_to_host(int id, float* dst, const float* src, size_t count);

}  // namespace d2l::gpu_runtime

namespace d2l::cuda_runtime {

int device_count();
std::string status();
float* allocate(int id, size_t count);
void release(int id, float* ptr);
void copy_to_device(int id, float* dst, const float* src, size_t count);
void copy_to_host(int id, float* dst, const float* src, size_t count);

}  // namespace d2l::cuda_runtime
