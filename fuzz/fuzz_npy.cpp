// The .npy decoder (one array).
#include <string_view>

#include "d2l/error.hpp"
#include "io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    d2l::io::decode_npy(std::string_view(reinterpret_cast<const char*>(data), size),
                        "fuzz.npy");
  } catch (const d2l::Error&) {
  }
  return 0;
}
