#include "core/storage.hpp"

#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <vector>

#include "kernels/gpu_runtime.hpp"

namespace d2l::detail {

namespace {

// Size classes: small requests round up to 64 floats, larger ones to the next
// quarter of a power of two, so that a reused buffer wastes at most ~25%.
int64_t size_class(int64_t n) {
  if (n <= 64) return 64;
  int64_t p = 64;
  while (p * 2 < n) p *= 2;
  int64_t step = p / 4;
  return (n + step - 1) / step * step;
}

class Pool {
 public:
  explicit Pool(Device device) : device_(device) {}
  ~Pool() { release_all(); }

  float* take(int64_t capacity) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = free_.find(capacity);
      if (it != free_.end() && !it->second.empty()) {
        float* p = it->second.back();
        it->second.pop_back();
        cached_ -= capacity;
        in_use_ += capacity;
        return p;
      }
    }
    float* p = fresh(capacity);  // may throw: count it only once it exists
    std::lock_guard<std::mutex> lock(mutex_);
    in_use_ += capacity;
    return p;
  }

  void give_back(float* p, int64_t capacity) {
    std::lock_guard<std::mutex> lock(mutex_);
    in_use_ -= capacity;
    cached_ += capacity;
    free_[capacity].push_back(p);
  }

  void release_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [capacity, buffers] : free_) {
      for (float* p : buffers) destroy(p);
    }
    free_.clear();
    cached_ = 0;
  }

  PoolStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    return {cached_ * int64_t(sizeof(float)), in_use_ * int64_t(sizeof(float))};
  }

 private:
  float* fresh(int64_t capacity) {
    if (device_.type == DeviceType::gpu) {
      return gpu_runtime::allocate(device_.id, size_t(capacity));
    }
    // 64-byte alignment suits AVX-512 loads and cache lines.
    void* p = std::aligned_alloc(64, size_t(capacity) * sizeof(float));
    if (!p) throw std::bad_alloc();
    return static_cast<float*>(p);
  }
  void destroy(float* p) {
    if (device_.type == DeviceType::gpu) {
      gpu_runtime::release(device_.id, p);
    } else {
      std::free(p);
    }
  }

  Device device_;
  std::mutex mutex_;
  std::map<int64_t, std::vector<float*>> free_;
  int64_t cached_ = 0, in_use_ = 0;
};

Pool& pool_for(Device device) {
  // Pools live until the process ends; buffers freed after that go to the OS.
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::unique_ptr<Pool>>* pools =
      new std::map<std::pair<int, int>, std::unique_ptr<Pool>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto& pool = (*pools)[{int(device.type), device.id}];
  if (!pool) pool = std::make_unique<Pool>(device);
  return *pool;
}

}  // namespace

Storage::Storage(int64_t n, Device d) : size(n), capacity(size_class(n)), device(d) {
  ptr = pool_for(device).take(capacity);
}

Storage::~Storage() { pool_for(device).give_back(ptr, capacity); }

std::shared_ptr<Storage> allocate(int64_t size, Device device) {
  return std::make_shared<Storage>(size, device);
}

PoolStats pool_stats(Device device) { return pool_for(device).stats(); }
void release_cached(Device device) { pool_for(device).release_all(); }

}  // namespace d2l::detail
