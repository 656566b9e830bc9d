#include "core/storage.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "kernels/gpu_runtime.hpp"

namespace d2l::detail {

namespace {

// A d2l::Error rather than std::bad_alloc, so that a program catches every
// library error with one handler, and the message says what to change.
[[noreturn]] void out_of_memory(size_t bytes) {
  fail("allocate", "the system refused ", bytes / double(1 << 20),
       " MiB of host memory for an array; use a smaller batch size, image size or "
       "network, or free memory");
}

// Size classes: small requests round up to 64 floats, larger ones to the next
// quarter of a power of two, so that a reused buffer wastes at most ~25%.
int64_t size_class(int64_t n) {
  if (n <= 64) return 64;
  int64_t p = 64;
  while (p * 2 < n) p *= 2;
  int64_t step = p / 4;
  return (n + step - 1) / step * step;
}

// Keeps freed buffers for reuse, but never holds more in all (in use plus
// cached) than the most the program has had in use at once: when a request finds
// no buffer of its class and the total would grow past that mark, cached buffers
// of other classes are returned to the system first, the largest first. Without
// the bound, a training step whose forward and backward passes use different
// mixes of sizes keeps the peak of every size class at once: 1.75 GB held for a
// ResNet-18 step that never had more than 1.2 GB in use.
class Pool {
  using Buffers = std::vector<std::pair<float*, int64_t>>;  // (buffer, capacity)

 public:
  explicit Pool(Device device) : device_(device) {}
  ~Pool() { release_all(); }

  float* take(int64_t capacity) {
    Buffers to_destroy;  // cached buffers given up to stay within the bound
    float* resized = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = free_.find(capacity); it != free_.end()) {
        float* p = pop(it);
        note_in_use(capacity);
        return p;
      }
      // No buffer of this class: resize a cached mapping of another class,
      // which keeps its pages (each fresh page costs a fault and zeroing).
      auto [nearest, nearest_capacity] = take_nearest_mapping(capacity);
      const int64_t limit = std::max(high_water_, in_use_ + capacity);
      to_destroy = evict_until(limit - in_use_ - capacity);
      if (nearest) {
        resized = resize_mapping(nearest, nearest_capacity, capacity);
        if (resized) {
          note_in_use(capacity);
        } else {
          to_destroy.push_back({nearest, nearest_capacity});
        }
      }
    }
    for (auto [p, size] : to_destroy) destroy(p, size);
    if (resized) return resized;
    float* p = fresh(capacity);  // may throw: count it only once it exists
    std::lock_guard<std::mutex> lock(mutex_);
    note_in_use(capacity);
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
      for (float* p : buffers) destroy(p, capacity);
    }
    free_.clear();
    cached_ = 0;
  }

  MemoryStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    const long long bytes = sizeof(float);
    return {.in_use_bytes = in_use_ * bytes,
            .cached_bytes = cached_ * bytes,
            .peak_bytes = high_water_ * bytes};
  }

 private:
  float* fresh(int64_t capacity) {
    if (device_.type == DeviceType::gpu) {
      return gpu_runtime::allocate(device_.id, size_t(capacity));
    }
    const size_t bytes = size_t(capacity) * sizeof(float);
    if (mapped(capacity)) {
      void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
      if (p == MAP_FAILED) out_of_memory(bytes);
      madvise(p, bytes, MADV_HUGEPAGE);  // a hint: 2 MiB pages fault in 512x fewer times
      return static_cast<float*>(p);
    }
    // 64-byte alignment suits AVX-512 loads and cache lines.
    void* p = std::aligned_alloc(64, bytes);
    if (!p) out_of_memory(bytes);
    return static_cast<float*>(p);
  }
  void destroy(float* p, int64_t capacity) {
    if (device_.type == DeviceType::gpu) {
      gpu_runtime::release(device_.id, p);
    } else if (mapped(capacity)) {
      munmap(p, size_t(capacity) * sizeof(float));
    } else {
      std::free(p);
    }
  }

  // Large host buffers are mapped pages of their own, so that a buffer the pool
  // gives up goes back to the system at once (glibc's malloc keeps freed blocks
  // below its adaptive threshold, up to 32 MiB, in the process).
  static constexpr size_t kMapBytes = size_t(1) << 20;

  void note_in_use(int64_t capacity) {
    in_use_ += capacity;
    high_water_ = std::max(high_water_, in_use_);
  }
  static bool mapped(int64_t capacity) {
    return size_t(capacity) * sizeof(float) >= kMapBytes;
  }
  // Takes one cached buffer of the class `it` points to out of the pool
  // (free_ holds no empty classes).
  float* pop(std::map<int64_t, std::vector<float*>>::iterator it) {
    float* p = it->second.back();
    it->second.pop_back();
    cached_ -= it->first;
    if (it->second.empty()) free_.erase(it);
    return p;
  }
  // Takes the cached host mapping nearest to `capacity` out of the pool: the
  // smallest larger one (shrinking it is free), else the largest smaller one
  // (growing it maps only the difference). {nullptr, 0} when there is none.
  std::pair<float*, int64_t> take_nearest_mapping(int64_t capacity) {
    if (device_.type != DeviceType::cpu || !mapped(capacity) || free_.empty()) {
      return {nullptr, 0};
    }
    auto it = free_.lower_bound(capacity);
    if (it == free_.end()) --it;
    if (!mapped(it->first)) return {nullptr, 0};
    const int64_t size = it->first;
    return {pop(it), size};
  }
  // mremap: the pages it keeps stay mapped and touched; nullptr on failure
  // (the old mapping is then still there).
  static float* resize_mapping(float* p, int64_t from, int64_t to) {
    void* q = mremap(p, size_t(from) * sizeof(float), size_t(to) * sizeof(float),
                     MREMAP_MAYMOVE);
    return q == MAP_FAILED ? nullptr : static_cast<float*>(q);
  }
  // Takes cached buffers out of the pool, largest first, until at most
  // `max_cached` elements stay cached; the caller frees them outside the lock.
  Buffers evict_until(int64_t max_cached) {
    Buffers out;
    while (cached_ > max_cached) {
      auto largest = std::prev(free_.end());
      const int64_t size = largest->first;
      out.push_back({pop(largest), size});
    }
    return out;
  }

  Device device_;
  std::mutex mutex_;
  std::map<int64_t, std::vector<float*>> free_;
  int64_t cached_ = 0, in_use_ = 0;
  int64_t high_water_ = 0;  // the most elements ever in use at once
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

}  // namespace d2l::detail

namespace d2l {
MemoryStats memory_stats(Device device) { return detail::pool_for(device).stats(); }
}  // namespace d2l
