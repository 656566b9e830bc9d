// The emulated GPU's memory: one reserved range of address space, handed out
// first-fit, kept PROT_NONE while no kernel runs (see gpu_emulator.hpp).
#include "core/gpu_emulator.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

#include "d2l/error.hpp"

namespace d2l::gpu_emulator {

namespace {

// Address space only (MAP_NORESERVE): pages cost memory once touched.
constexpr size_t kReserveBytes = size_t(64) << 30;
constexpr size_t kAlign = 64;
constexpr size_t kHuge = size_t(2) << 20;

class Arena {
 public:
  static Arena& get() {
    static Arena* arena = new Arena();  // never destroyed: buffers outlive main
    return *arena;
  }

  float* allocate(size_t count) {
    const size_t bytes = round_up(std::max<size_t>(count * sizeof(float), kAlign));
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = free_.begin(); it != free_.end(); ++it) {
      if (it->second < bytes) continue;
      const size_t offset = it->first, left = it->second - bytes;
      free_.erase(it);
      if (left > 0) free_[offset + bytes] = left;
      used_[offset] = bytes;
      if (offset + bytes > high_water_) {
        high_water_ = offset + bytes;
        protect_locked();  // the new pages get the current protection
      }
      return reinterpret_cast<float*>(base_ + offset);
    }
    throw d2l::Error("gpu(0) (emulated): out of its " +
                     std::to_string(kReserveBytes >> 30) + " GiB of address space");
  }

  void release(float* p) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto used = used_.find(size_t(reinterpret_cast<char*>(p) - base_));
    if (used == used_.end()) return;
    auto [offset, bytes] = *used;
    used_.erase(used);
    auto next = free_.lower_bound(offset);
    if (next != free_.end() && next->first == offset + bytes) {  // merge right
      bytes += next->second;
      next = free_.erase(next);
    }
    if (next != free_.begin()) {  // merge left
      auto prev = std::prev(next);
      if (prev->first + prev->second == offset) {
        prev->second += bytes;
        return;
      }
    }
    free_[offset] = bytes;
  }

  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (open_++ == 0) protect_locked();
  }
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--open_ == 0) protect_locked();
  }

  bool contains(const void* p) const {
    auto* c = static_cast<const char*>(p);
    return c >= base_ && c < base_ + kReserveBytes - kHuge;
  }

 private:
  Arena() {
    void* p = mmap(nullptr, kReserveBytes, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      throw d2l::Error("gpu(0) (emulated): could not reserve address space");
    }
    // 2 MiB pages: each protection change then rewrites one entry per 2 MiB
    // instead of 512, which keeps a kernel call's two mprotects cheap.
    char* start = static_cast<char*>(p);
    base_ = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(start) + kHuge - 1) /
                                    kHuge * kHuge);
    madvise(base_, kReserveBytes - kHuge, MADV_HUGEPAGE);
    free_[0] = kReserveBytes - kHuge;
    install_fault_message();
  }
  static size_t round_up(size_t b) { return (b + kAlign - 1) / kAlign * kAlign; }

  void protect_locked() {
    const size_t len = (high_water_ + kHuge - 1) / kHuge * kHuge;
    if (len == 0) return;
    mprotect(base_, len, open_ > 0 ? PROT_READ | PROT_WRITE : PROT_NONE);
  }

  static void install_fault_message();

  char* base_ = nullptr;
  std::mutex mutex_;
  std::map<size_t, size_t> free_, used_;  // offset -> bytes
  size_t high_water_ = 0;
  int open_ = 0;
};

struct sigaction previous_segv;

// A fault inside the arena is host code touching a gpu array: say so, then
// let the default action end the process (a debugger shows the culprit).
void on_segv(int sig, siginfo_t* info, void* ctx) {
  if (Arena::get().contains(info->si_addr)) {
    const char msg[] =
        "\nd2l: host code read or wrote gpu(0)'s memory outside a kernel "
        "(D2L_EMULATE_GPU=1). An op reaches around kernels/dispatch.cpp; on a "
        "real GPU this would read device memory from the host.\n";
    ssize_t ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
    (void)ignored;
    signal(SIGSEGV, SIG_DFL);
    return;  // the access faults again, now with the default action
  }
  sigaction(SIGSEGV, &previous_segv, nullptr);  // not ours: as if never installed
}

void Arena::install_fault_message() {
  struct sigaction sa {};
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &previous_segv);
}

}  // namespace

bool active() {
  static const bool on = [] {
    const char* v = std::getenv("D2L_EMULATE_GPU");
    return v && std::string(v) == "1";
  }();
  return on;
}

float* allocate(size_t count) { return Arena::get().allocate(count); }
void release(float* ptr) { Arena::get().release(ptr); }

void copy(float* dst, const float* src, size_t count) {
  KernelAccess open;
  std::memcpy(dst, src, count * sizeof(float));
}

KernelAccess::KernelAccess() { Arena::get().open(); }
KernelAccess::~KernelAccess() { Arena::get().close(); }

}  // namespace d2l::gpu_emulator
