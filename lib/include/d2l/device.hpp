#pragma once
/// @file device.hpp
/// Where an array lives: host memory (`cpu()`) or a CUDA device (`gpu(i)`).

#include <ostream>
#include <string>

namespace d2l {

/// The kind of memory an array's elements live in.
enum class DeviceType { cpu, gpu };

/// A device (MXNet calls it a context): a kind and an index.
struct Device {
  /// Host memory or a CUDA device.
  DeviceType type = DeviceType::cpu;
  /// Which device of that kind (`gpu(1)` has id 1).
  int id = 0;
  /// True for the same kind and index.
  bool operator==(const Device&) const = default;
  /// `cpu(0)` or `gpu(1)`, as MXNet prints contexts.
  std::string str() const;
};

/// Prints `cpu(0)` or `gpu(1)`.
inline std::ostream& operator<<(std::ostream& os, const Device& d) {
  return os << d.str();
}

/// The host: every array is created here unless a device is given.
Device cpu(int id = 0);
/// The i-th CUDA device. Creating it never fails; using it where no such GPU
/// exists raises an error that says why.
Device gpu(int id = 0);
/// How many CUDA devices this process can use: 0 where the library was built
/// without CUDA or where no driver or device is present.
int num_gpus();
/// Why there is no GPU (or which GPUs there are), in one line for a reader.
std::string gpu_status();
/// `gpu(i)` if it exists, otherwise `cpu()`.
Device try_gpu(int i = 0);

/// Bytes of array memory on one device. Freed arrays return their buffers to a
/// pool that the next arrays of the same size reuse; the pool never holds more
/// in all than `peak_bytes`.
struct MemoryStats {
  long long in_use_bytes = 0;  ///< held by arrays that exist now
  long long cached_bytes = 0;  ///< freed, kept for reuse
  long long peak_bytes = 0;    ///< the most ever in use at once
};
/// The array memory of `device` (MXNet: `mx.context.gpu_memory_info`).
MemoryStats memory_stats(Device device = cpu());

/// Threads the library may use on the CPU (BLAS and our own kernels), set in
/// one place so that two thread pools never fight over the same cores.
void set_num_threads(int n);
/// The current CPU thread count (default: the number of cores).
int num_threads();

}  // namespace d2l
