// Fashion-MNIST folders with bad IDX files: empty, truncated, corrupt, wrong
// magic, wrong counts, labels out of range, and headers that claim huge or
// wrapping sizes (which must be refused without allocating what they claim).
#include "catalogue.hpp"
#include "d2l/vision.hpp"

using namespace catalogue;
using d2l::gluon::data::vision::FashionMNIST;

namespace {

const std::string kImages = "train-images-idx3-ubyte.gz";
const std::string kLabels = "train-labels-idx1-ubyte.gz";

// An IDX file: its magic number, one big-endian length per axis, the payload.
std::string idx(uint32_t magic, const std::vector<uint32_t>& dims,
                const std::string& payload) {
  std::string b = be32(magic);
  for (uint32_t d : dims) b += be32(d);
  return b + payload;
}
std::string images(uint32_t n) { return idx(2051, {n, 2, 2}, std::string(4 * n, '\7')); }
std::string labels(uint32_t n) { return idx(2049, {n}, std::string(n, '\3')); }

// A training folder of the two files, as given.
void write_set(const TempDir& dir, const std::string& image_bytes,
               const std::string& label_bytes) {
  write_gzip(dir.file(kImages), image_bytes);
  write_gzip(dir.file(kLabels), label_bytes);
}

void load(const TempDir& dir) { FashionMNIST(true, dir.path.string()); }

}  // namespace

TEST_CASE("IDX: an empty images file", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, "", labels(3));
  expect_named_error([&] { load(dir); }, {kImages, "ends inside the header"});
}

TEST_CASE("IDX: a header cut short", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, images(3).substr(0, 10), labels(3));
  expect_named_error([&] { load(dir); }, {kImages, "ends inside the header"});
}

TEST_CASE("IDX: a payload cut short", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, images(3).substr(0, 20), labels(3));
  expect_named_error([&] { load(dir); }, {kImages, "truncated"});
}

TEST_CASE("IDX: a corrupt gzip stream", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, images(300), labels(300));
  std::string gz = read_bytes(dir.file(kImages));
  gz[gz.size() / 2] ^= 0x55;
  write_bytes(dir.file(kImages), gz);
  expect_named_error([&] { load(dir); }, {kImages});
}

TEST_CASE("IDX: the wrong magic number", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, labels(3), labels(3));
  expect_named_error([&] { load(dir); }, {kImages, "2051", "2049"});
}

TEST_CASE("IDX: zero images", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, images(0), labels(0));
  expect_named_error([&] { load(dir); }, {kImages, "0 images"});
}

TEST_CASE("IDX: more labels than images", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, images(3), labels(4));
  expect_named_error([&] { load(dir); }, {kImages, kLabels, "3 images", "4 labels"});
}

TEST_CASE("IDX: a label outside 0 to 9", "[catalogue][idx]") {
  TempDir dir;
  write_set(dir, images(2), idx(2049, {2}, std::string("\1\14", 2)));
  expect_named_error([&] { load(dir); }, {kLabels, "12"});
}

TEST_CASE("IDX: a folder missing the labels file", "[catalogue][idx]") {
  TempDir dir;
  write_gzip(dir.file(kImages), images(3));
  expect_named_error([&] { load(dir); },
                     {"train-labels-idx1-ubyte", "put all four files there"});
}

TEST_CASE("IDX: headers that claim billions of images cost no memory",
          "[catalogue][idx][memory]") {
  TempDir dir;
  write_set(dir, idx(2051, {2000000000u, 28, 28}, std::string(100, '\0')), labels(3));
  expect_named_error_within(100, [&] { load(dir); }, {kImages, "2000000000 images"});
  write_set(dir, images(3), idx(2049, {4000000000u}, std::string(100, '\0')));
  expect_named_error_within(100, [&] { load(dir); }, {kLabels, "truncated"});
}

TEST_CASE("IDX: dimensions whose product wraps past 2^64", "[catalogue][idx][memory]") {
  TempDir dir;
  write_set(dir, idx(2051, {0xffffffffu, 0xffffffffu, 0xffffffffu}, ""), labels(3));
  expect_named_error_within(100, [&] { load(dir); }, {kImages, "corrupt header"});
}
