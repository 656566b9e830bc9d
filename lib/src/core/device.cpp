#include "d2l/device.hpp"

#include <cblas.h>

#include <algorithm>
#include <thread>

#include "kernels/gpu_runtime.hpp"

namespace d2l {

std::string Device::str() const {
  return (type == DeviceType::cpu ? "cpu(" : "gpu(") + std::to_string(id) + ")";
}

Device cpu(int id) { return Device{DeviceType::cpu, id}; }
Device gpu(int id) { return Device{DeviceType::gpu, id}; }

int num_gpus() { return gpu_runtime::device_count(); }
std::string gpu_status() { return gpu_runtime::status(); }
Device try_gpu(int i) { return i < num_gpus() ? gpu(i) : cpu(); }

namespace {
int& thread_count() {
  static int n = std::max(1u, std::thread::hardware_concurrency());
  return n;
}
}  // namespace

void set_num_threads(int n) {
  thread_count() = std::max(1, n);
  openblas_set_num_threads(thread_count());
}

int num_threads() { return thread_count(); }

}  // namespace d2l
