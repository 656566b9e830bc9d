#pragma once
// Reading the IDX files of (Fashion-)MNIST, gzip-compressed or plain: a
// big-endian header (magic number, then one length per axis) and raw uint8s.
// http://yann.lecun.com/exdb/mnist/ describes the format.

#include <cstdint>
#include <string>
#include <vector>

namespace d2l::gluon::data::detail {

/// `count` images of rows x cols pixels, row-major, one byte each.
struct IdxImages {
  int64_t count = 0;
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<uint8_t> pixels;
};

/// Reads an idx3-ubyte file (magic 2051). Errors name the file and say what
/// was expected and what was found (magic, lengths, a short or long payload).
IdxImages read_idx_images(const std::string& path);
/// Reads an idx1-ubyte file (magic 2049): one byte per label.
std::vector<uint8_t> read_idx_labels(const std::string& path);

}  // namespace d2l::gluon::data::detail
