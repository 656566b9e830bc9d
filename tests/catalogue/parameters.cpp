// load_parameters and save_parameters with files of another network, missing or
// extra parameters, a decompression bomb sized for the network's shapes, NaN
// values (a warning, not an error), and parameters used before they exist.
#include <zlib.h>

#include "catalogue.hpp"

using namespace catalogue;
using namespace d2l;

namespace {

// Dense(3) on 2 inputs: parameters 0.weight (3, 2) and 0.bias (3).
nn::Sequential small_net(int64_t units = 3) {
  nn::Sequential net;
  net.add(nn::Dense(units));
  net.initialize();
  net(nd::ones({1, 2}));
  return net;
}

// One ZIP member deflated (raw deflate, as ZIP stores it), fed a chunk at a time
// so that making a large member costs little memory here.
std::string deflated(const std::function<std::string(size_t)>& chunk, size_t chunks,
                     uint32_t& crc, uint64_t& size) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out;
  crc = 0, size = 0;
  for (size_t i = 0; i <= chunks; ++i) {
    const std::string in = i < chunks ? chunk(i) : "";
    crc =
        uint32_t(crc32(crc, reinterpret_cast<const Bytef*>(in.data()), uInt(in.size())));
    size += in.size();
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = uInt(in.size());
    int rc;
    do {
      char buf[1 << 16];
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = deflate(&z, i < chunks ? Z_NO_FLUSH : Z_FINISH);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0 || (i == chunks && rc != Z_STREAM_END));
  }
  deflateEnd(&z);
  return out;
}

// A one-member ZIP archive holding `name` deflated.
std::string zip_of(const std::string& name, const std::string& data, uint32_t crc,
                   uint64_t size) {
  const std::string sizes =
      le32(crc) + le32(uint32_t(data.size())) + le32(uint32_t(size));
  std::string local = le32(0x04034b50) + le16(20) + le16(0) + le16(8) + le16(0) +
                      le16(0x21) + sizes + le16(uint32_t(name.size())) + le16(0) + name;
  std::string central = le32(0x02014b50) + le16(20) + le16(20) + le16(0) + le16(8) +
                        le16(0) + le16(0x21) + sizes + le16(uint32_t(name.size())) +
                        le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name;
  const uint32_t central_at = uint32_t(local.size() + data.size());
  return local + data + central + le32(0x06054b50) + le16(0) + le16(0) + le16(1) +
         le16(1) + le32(uint32_t(central.size())) + le32(central_at) + le16(0);
}

}  // namespace

TEST_CASE("parameters: a file of another architecture", "[catalogue][params]") {
  TempDir dir;
  small_net(4).save_parameters(dir.file("four.npz"));
  auto net = small_net(3);
  expect_named_error([&] { net.load_parameters(dir.file("four.npz")); },
                     {"four.npz", "0.weight", "(4, 2)", "(3, 2)", "another network"});
}

TEST_CASE("parameters: a file missing one", "[catalogue][params]") {
  TempDir dir;
  nd::save(dir.file("partial.npz"),
           std::map<std::string, NDArray>{{"0.weight", nd::ones({3, 2})}});
  auto net = small_net();
  expect_named_error([&] { net.load_parameters(dir.file("partial.npz")); },
                     {"partial.npz", "0.bias", "allow_missing"});
}

TEST_CASE("parameters: a file with one the network lacks", "[catalogue][params]") {
  TempDir dir;
  nd::save(dir.file("extra.npz"),
           std::map<std::string, NDArray>{{"0.weight", nd::ones({3, 2})},
                                          {"0.bias", nd::ones({3})},
                                          {"1.weight", nd::ones({3, 3})}});
  auto net = small_net();
  expect_named_error([&] { net.load_parameters(dir.file("extra.npz")); },
                     {"extra.npz", "1.weight", "ignore_extra"});
}

TEST_CASE("parameters: a single .npy array instead of an archive",
          "[catalogue][params]") {
  TempDir dir;
  nd::save(dir.file("one.npy"), nd::ones({3, 2}));
  auto net = small_net();
  expect_named_error([&] { net.load_parameters(dir.file("one.npy")); },
                     {"one.npy", "one array"});
}

TEST_CASE("parameters: a decompression bomb larger than the network's shapes",
          "[catalogue][params][memory]") {
  TempDir dir;
  // 0.weight.npy inflates to 256 MiB of zeros (a legal deflate stream of 256 KiB),
  // where the network's (3, 2) weight needs 24 bytes: refused before inflating.
  const std::string header = std::string("\x93NUMPY\x01\x00", 8) + le16(118) +
                             "{'descr': '<f4', 'fortran_order': False, 'shape': "
                             "(67108864,), }" +
                             std::string(118 - 63, ' ');
  uint32_t crc;
  uint64_t size;
  const std::string data =
      deflated([&](size_t i) { return i == 0 ? header : std::string(1 << 20, '\0'); },
               257, crc, size);
  write_bytes(dir.file("bomb.npz"), zip_of("0.weight.npy", data, crc, size));
  auto net = small_net();
  expect_named_error_within(100, [&] { net.load_parameters(dir.file("bomb.npz")); },
                            {"bomb.npz", "0.weight", "(3, 2)", "bytes"});
}

TEST_CASE("parameters: NaN values load with a warning naming them",
          "[catalogue][params]") {
  TempDir dir;
  auto net = small_net();
  nd::save(dir.file("nan.npz"),
           std::map<std::string, NDArray>{{"0.weight", nd::full({3, 2}, NAN)},
                                          {"0.bias", nd::ones({3})}});
  const std::string warning =
      captured_stderr([&] { net.load_parameters(dir.file("nan.npz")); });
  CHECK_THAT(warning, Catch::Contains("nan.npz") && Catch::Contains("0.weight (6 of 6") &&
                          !Catch::Contains("0.bias"));
}

TEST_CASE("parameters: data() before initialize()", "[catalogue][params]") {
  nn::Dense layer(3);
  expect_named_error([&] { layer.weight.data(); }, {"initialize"});
}

TEST_CASE("parameters: saving before the first forward pass", "[catalogue][params]") {
  TempDir dir;
  nn::Sequential net;
  net.add(nn::Dense(3));
  net.initialize();
  expect_named_error([&] { net.save_parameters(dir.file("early.npz")); },
                     {"early.npz", "0.weight", "forward pass"});
}
