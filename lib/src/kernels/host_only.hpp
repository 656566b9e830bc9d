#pragma once
// Until a kernel has a CUDA twin, calling it on GPU memory is a clear error.

#include <stdexcept>
#include <string>

#include "d2l/device.hpp"
#include "d2l/error.hpp"

namespace d2l::kernels {

inline void require_host(Device d, const char* kernel) {
  if (d.type != DeviceType::cpu) {
    throw d2l::Error(std::string(kernel) + ": no GPU kernel for " + d.str() +
                     " yet; move the arrays with as_in_context(cpu())");
  }
}

}  // namespace d2l::kernels
