#pragma once
// Storage: a contiguous float buffer on one device, handed out by a caching
// allocator. Freed buffers go back to a per-device pool and are reused by the
// next request of the same size class, because mapping fresh pages for every
// activation costs more than the arithmetic on them (see DESIGN.md, Speed).

#include <cstdint>
#include <memory>

#include "d2l/device.hpp"

namespace d2l::detail {

struct Storage {
  float* ptr = nullptr;
  int64_t size = 0;      // elements the caller asked for
  int64_t capacity = 0;  // elements actually reserved (the size class)
  Device device;
  /// Counts in-place writes. Autograd saves it with every recorded op and
  /// refuses backward() when an array that an op used has been written since.
  uint64_t version = 0;

  Storage(int64_t size, Device device);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
};

/// A new buffer of `size` floats on `device` (contents undefined).
std::shared_ptr<Storage> allocate(int64_t size, Device device);

}  // namespace d2l::detail
