#pragma once
// The test device. With D2L_EMULATE_GPU=1, gpu(0) exists on any machine: its
// buffers are host memory that stays unreadable (PROT_NONE) except while a
// kernel runs, and its kernels are the CPU ones. A GPU run then takes every
// path a real GPU takes, and an op that reads or writes a gpu array's memory
// around the dispatch layer (kernels/dispatch.cpp) faults with a message that
// says so, instead of working here and failing on a learner's GPU.

#include <cstddef>

namespace d2l::gpu_emulator {

/// Whether D2L_EMULATE_GPU=1 was set when the process first asked.
bool active();
/// `count` floats of emulated device memory (unreadable outside kernels).
float* allocate(size_t count);
void release(float* ptr);
/// Copies into or out of emulated memory (the runtime's cudaMemcpy).
void copy(float* dst, const float* src, size_t count);

/// While one exists on any thread, emulated memory is readable and writable:
/// the dispatch layer holds one around each kernel.
class KernelAccess {
 public:
  KernelAccess();
  ~KernelAccess();
  KernelAccess(const KernelAccess&) = delete;
  KernelAccess& operator=(const KernelAccess&) = delete;
};

}  // namespace d2l::gpu_emulator
