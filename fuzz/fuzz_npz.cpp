// The ZIP reader and the .npy decoder of each member: what nd::load does for .npz.
#include <string_view>

#include "d2l/error.hpp"
#include "io/npy.hpp"
#include "io/zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto entries = d2l::io::read_zip(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.npz");
    for (const auto& [name, bytes] : entries) d2l::io::decode_npy(bytes, name);
  } catch (const d2l::Error&) {
  }
  return 0;
}
