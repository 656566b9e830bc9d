// nd::load with bad .npy and .npz files: empty, wrong magic, truncated, corrupt,
// unsupported, huge or wrapping shapes, zip bombs, ZIP64, duplicate members.
#include <zlib.h>

#include "catalogue.hpp"

using namespace catalogue;
namespace nd = d2l::nd;

namespace {

// A .npy file (format 1.0) with the given header dict and payload.
std::string npy(const std::string& dict, const std::string& payload = "") {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64) header += ' ';
  header += '\n';
  return std::string("\x93NUMPY\x01\x00", 8) + le16(uint32_t(header.size())) + header +
         payload;
}
std::string f4(const std::string& shape, const std::string& payload = "") {
  return npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }",
             payload);
}

// A good archive of two arrays, with the offset of its central directory.
struct Archive {
  std::string bytes;
  size_t directory = 0;  // of the first central directory record
};
Archive two_arrays(const TempDir& dir) {
  nd::save(dir.file("good.npz"), std::vector<d2l::NDArray>{nd::arange(4), nd::arange(5)});
  Archive a{read_bytes(dir.file("good.npz"))};
  a.directory = a.bytes.find(std::string("PK\x01\x02", 4));
  REQUIRE(a.directory != std::string::npos);
  return a;
}

// Loads `bytes` saved as `name` in `dir`.
std::function<void()> loading(const TempDir& dir, const std::string& name,
                              const std::string& bytes) {
  write_bytes(dir.file(name), bytes);
  return [path = dir.file(name)] { nd::load(path); };
}

}  // namespace

TEST_CASE(".npy: a missing file", "[catalogue][npy]") {
  expect_named_error([] { nd::load("/nonexistent/x.npy"); },
                     {"/nonexistent/x.npy", "cannot open"});
}

TEST_CASE(".npy: an empty file", "[catalogue][npy]") {
  TempDir dir;
  expect_named_error(loading(dir, "empty.npy", ""), {"empty.npy", "neither"});
}

TEST_CASE(".npy: the wrong magic", "[catalogue][npy]") {
  TempDir dir;
  std::string bytes = f4("(2,)", std::string(8, '\0'));
  bytes[1] = 'X';
  expect_named_error(loading(dir, "magic.npy", bytes), {"magic.npy"});
}

TEST_CASE(".npy: a header cut short", "[catalogue][npy]") {
  TempDir dir;
  expect_named_error(loading(dir, "cut.npy", f4("(2,)").substr(0, 30)),
                     {"cut.npy", "truncated header"});
}

TEST_CASE(".npy: data cut short", "[catalogue][npy]") {
  TempDir dir;
  expect_named_error(loading(dir, "short.npy", f4("(2, 3)", std::string(20, '\0'))),
                     {"short.npy", "(2, 3)", "24 bytes", "has 20"});
}

TEST_CASE(".npy: a header without a shape", "[catalogue][npy]") {
  TempDir dir;
  expect_named_error(
      loading(dir, "noshape.npy", npy("{'descr': '<f4', 'fortran_order': False, }")),
      {"noshape.npy", "'shape'"});
}

TEST_CASE(".npy: an unsupported dtype", "[catalogue][npy]") {
  TempDir dir;
  const auto bytes =
      npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", std::string(8, 0));
  expect_named_error(loading(dir, "complex.npy", bytes),
                     {"complex.npy", "'<c8'", "not supported"});
}

TEST_CASE(".npy: Fortran order", "[catalogue][npy]") {
  TempDir dir;
  const auto bytes = npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
                         std::string(16, 0));
  expect_named_error(loading(dir, "fortran.npy", bytes), {"fortran.npy", "Fortran"});
}

TEST_CASE(".npy: a negative axis", "[catalogue][npy]") {
  TempDir dir;
  expect_named_error(loading(dir, "negative.npy", f4("(-2, 3)")),
                     {"negative.npy", "negative"});
}

TEST_CASE(".npy: a shape of 2^40 elements costs no memory", "[catalogue][npy][memory]") {
  TempDir dir;
  expect_named_error_within(100, loading(dir, "huge.npy", f4("(1048576, 1048576)")),
                            {"huge.npy", "(1048576, 1048576)", "truncated data"});
}

TEST_CASE(".npy: a shape whose product wraps past 2^63", "[catalogue][npy][memory]") {
  TempDir dir;
  expect_named_error_within(
      100, loading(dir, "wrap.npy", f4("(4294967296, 4294967296, 4294967296)")),
      {"wrap.npy", "more elements than an array can hold"});
}

TEST_CASE(".npz: an archive cut short", "[catalogue][npz]") {
  TempDir dir;
  const Archive a = two_arrays(dir);
  expect_named_error(loading(dir, "cut.npz", a.bytes.substr(0, a.bytes.size() - 10)),
                     {"cut.npz", "end-of-central-directory"});
}

TEST_CASE(".npz: a flipped byte in a member", "[catalogue][npz]") {
  TempDir dir;
  Archive a = two_arrays(dir);
  a.bytes[a.directory - 3] ^= 0x01;  // inside the last member's data
  expect_named_error(loading(dir, "flipped.npz", a.bytes), {"flipped.npz", "CRC"});
}

TEST_CASE(".npz: two members of the same name", "[catalogue][npz]") {
  TempDir dir;
  std::string twins = two_arrays(dir).bytes;
  for (size_t at = twins.find("arr_1"); at != std::string::npos; at = twins.find("arr_1"))
    twins[at + 4] = '0';
  expect_named_error(loading(dir, "twins.npz", twins),
                     {"twins.npz", "two members are named 'arr_0.npy'"});
}

TEST_CASE(".npz: a ZIP64 archive", "[catalogue][npz]") {
  TempDir dir;
  std::string zip64 = two_arrays(dir).bytes;
  std::string locator = le32(0x07064b50u) + std::string(16, '\0');
  zip64.insert(zip64.rfind(std::string("PK\x05\x06", 4)), locator);
  expect_named_error(loading(dir, "zip64.npz", zip64), {"zip64.npz", "ZIP64"});
}

TEST_CASE(".npz: a ZIP64 size of 2^62 in an extra field", "[catalogue][npz][memory]") {
  TempDir dir;
  Archive a = two_arrays(dir);
  // The first member: sizes 0xffffffff, the real ones in a ZIP64 extra field.
  std::string b = a.bytes;
  const size_t cd = a.directory;
  put_le16(b, cd + 10, 8);  // deflate
  put_le32(b, cd + 20, 0xffffffffu);
  put_le32(b, cd + 24, 0xffffffffu);
  const size_t name_len = uint8_t(b[cd + 28]);
  std::string extra = le16(1) + le16(16) + std::string(8, '\0') + std::string(8, '\0');
  extra.replace(4, 8, std::string("\0\0\0\0\0\0\0\x40", 8));   // usize 2^62
  extra.replace(12, 8, std::string("\x40\0\0\0\0\0\0\0", 8));  // csize 64
  b.insert(cd + 46 + name_len, extra);
  put_le16(b, cd + 30, uint32_t(extra.size()));
  // The end record's directory size grew by the extra field.
  const size_t end = b.rfind(std::string("PK\x05\x06", 4));
  put_le32(b, end + 12, uint32_t(b.size() - 22 - cd));
  expect_named_error_within(100, loading(dir, "big64.npz", b),
                            {"big64.npz", "more than deflate can produce"});
}

TEST_CASE(".npz: a member that claims 4 GiB", "[catalogue][npz][memory]") {
  TempDir dir;
  Archive a = two_arrays(dir);
  put_le16(a.bytes, a.directory + 10, 8);
  put_le32(a.bytes, a.directory + 24, 0xfffffff0u);
  expect_named_error_within(100, loading(dir, "bomb.npz", a.bytes),
                            {"bomb.npz", "more than deflate can produce"});
}

TEST_CASE(".npz: an unknown compression method", "[catalogue][npz]") {
  TempDir dir;
  Archive a = two_arrays(dir);
  put_le16(a.bytes, a.directory + 10, 12);  // bzip2
  expect_named_error(loading(dir, "bzip2.npz", a.bytes),
                     {"bzip2.npz", "compression method 12"});
}

TEST_CASE(".npz: a stored member whose sizes disagree", "[catalogue][npz]") {
  TempDir dir;
  Archive a = two_arrays(dir);
  put_le32(a.bytes, a.directory + 24, 4000);
  expect_named_error(loading(dir, "sizes.npz", a.bytes), {"sizes.npz", "claims 4000"});
}

TEST_CASE(".npz: a local header offset past the end", "[catalogue][npz]") {
  TempDir dir;
  Archive a = two_arrays(dir);
  put_le32(a.bytes, a.directory + 42, 0xfffffff0u);
  expect_named_error(loading(dir, "far.npz", a.bytes), {"far.npz", "bad local header"});
}

TEST_CASE(".npz: a member that is not a .npy", "[catalogue][npz]") {
  TempDir dir;
  nd::save(dir.file("a.npz"), std::vector<d2l::NDArray>{nd::arange(4)});
  std::string b = read_bytes(dir.file("a.npz"));
  const size_t at = b.find("\x93NUMPY");
  b[at + 1] = 'X';
  // The CRC covers the member: recompute it, so only the magic is wrong.
  const size_t cd = b.find(std::string("PK\x01\x02", 4));
  const uint32_t size = uint32_t(uint8_t(b[cd + 24])) | uint32_t(uint8_t(b[cd + 25]))
                                                            << 8;
  const uint32_t crc =
      uint32_t(crc32(0, reinterpret_cast<const Bytef*>(b.data() + at), size));
  put_le32(b, 14, crc);
  put_le32(b, cd + 16, crc);
  expect_named_error(loading(dir, "notnpy.npz", b), {"notnpy.npz", "arr_0", "magic"});
}
