// The IDX reader (Fashion-MNIST's files, gzip or plain), images and labels.
#include "d2l/error.hpp"
#include "data/idx.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = bytes_as_file(data, size, ".idx");
  namespace idx = d2l::gluon::data::detail;
  try {
    idx::read_idx_images(path);
  } catch (const d2l::Error&) {
  }
  try {
    idx::read_idx_labels(path);
  } catch (const d2l::Error&) {
  }
  return 0;
}
