// Block::load_parameters into a small fixed network, whose shapes a file must match.
#include "d2l/error.hpp"
#include "d2l/gluon.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = bytes_as_file(data, size, ".npz");
  using namespace d2l::gluon;
  nn::Sequential net;
  net.add(nn::Dense(3, "relu"), nn::Dense(2));
  try {
    net.load_parameters(path);
  } catch (const d2l::Error&) {
  }
  return 0;
}
