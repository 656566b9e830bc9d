// The IDX reader. zlib's gzread reads gzip and plain files alike, so the same
// code serves `train-images-idx3-ubyte.gz` and an unpacked copy.
#include "data/idx.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <stdexcept>

#include "core/error.hpp"

namespace d2l::gluon::data::detail {

using d2l::detail::cat;

namespace {

constexpr uint32_t kImagesMagic = 2051;  // 0x00000803: ubyte, 3 axes
constexpr uint32_t kLabelsMagic = 2049;  // 0x00000801: ubyte, 1 axis
// No IDX file of ours comes near this; a corrupt header must not make us
// allocate gigabytes before the payload turns out to be short.
constexpr int64_t kMaxBytes = int64_t(1) << 32;

[[noreturn]] void corrupt(const std::string& path, const std::string& what) {
  throw d2l::Error(cat("reading IDX file '", path, "': ", what));
}

class GzFile {
 public:
  explicit GzFile(const std::string& path) : path_(path) {
    file_ = gzopen(path.c_str(), "rb");
    if (!file_) corrupt(path, "cannot open it (missing or unreadable)");
    gzbuffer(file_, 1 << 17);  // fewer, larger reads of the compressed stream
  }
  ~GzFile() { gzclose(file_); }
  GzFile(const GzFile&) = delete;
  GzFile& operator=(const GzFile&) = delete;

  // Reads up to `n` bytes; fewer only at the end of the data. A damaged
  // gzip stream is an error that says how far reading got.
  int64_t read(uint8_t* out, int64_t n) {
    int64_t got = 0;
    while (got < n) {
      const auto chunk = unsigned(std::min<int64_t>(n - got, 1 << 30));
      const int r = gzread(file_, out + got, chunk);
      if (r < 0) {
        int code = 0;
        const char* msg = gzerror(file_, &code);
        corrupt(path_, cat("the gzip data is damaged after ", offset_ + got,
                           " bytes of content (zlib: ", msg, ")"));
      }
      if (r == 0) break;
      got += r;
    }
    offset_ += got;
    return got;
  }

  uint32_t read_u32(const char* field) {
    uint8_t b[4];
    if (read(b, 4) != 4) {
      corrupt(path_, cat("the file ends inside the header (reading ", field,
                         "): expected a 4-byte big-endian integer"));
    }
    return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
  }

  void check_magic(uint32_t expected, const char* kind) {
    const uint32_t magic = read_u32("the magic number");
    if (magic != expected) {
      corrupt(path_, cat("expected magic number ", expected, " (", kind, "), found ",
                         magic, "; is this the right file?"));
    }
  }

  // Reads exactly `n` payload bytes and checks that nothing follows them.
  // The buffer grows with what the file really holds, a chunk at a time, so that
  // a header claiming gigabytes costs no more memory than the file's bytes.
  std::vector<uint8_t> read_payload(int64_t n, const std::string& what) {
    constexpr int64_t kChunk = int64_t(16) << 20;
    std::vector<uint8_t> out;
    const int64_t header = offset_;
    int64_t got = 0;
    while (got < n) {
      const int64_t want = std::min(kChunk, n - got);
      out.resize(size_t(got + want));
      const int64_t read_now = read(out.data() + got, want);
      got += read_now;
      if (read_now < want) break;
    }
    out.resize(size_t(got));
    if (got != n) {
      corrupt(path_, cat("truncated: the header promises ", what, " = ", n,
                         " bytes after the ", header, "-byte header, found ", got));
    }
    uint8_t extra;
    if (read(&extra, 1) != 0) {
      corrupt(path_, cat("expected ", n, " bytes after the header (", what,
                         "), found more: trailing data"));
    }
    return out;
  }

 private:
  std::string path_;
  gzFile file_ = nullptr;
  int64_t offset_ = 0;  // bytes of content read so far
};

}  // namespace

IdxImages read_idx_images(const std::string& path) {
  GzFile file(path);
  file.check_magic(kImagesMagic, "idx3-ubyte images");
  IdxImages images;
  images.count = file.read_u32("the number of images");
  images.rows = file.read_u32("the number of rows");
  images.cols = file.read_u32("the number of columns");
  if (images.rows == 0 || images.cols == 0) {
    corrupt(path, cat("images of ", images.rows, "x", images.cols,
                      " pixels: expected both sides > 0"));
  }
  if (images.count == 0) {
    corrupt(path,
            "the header says the file holds 0 images: nothing to train or test "
            "on (a truncated download?)");
  }
  // Each factor is below 2^32, so their product can pass 2^63: check each step.
  int64_t n = 0;
  if (__builtin_mul_overflow(int64_t(images.count), int64_t(images.rows), &n) ||
      __builtin_mul_overflow(n, int64_t(images.cols), &n) || n > kMaxBytes) {
    corrupt(path, cat("the header claims ", images.count, " images of ", images.rows, "x",
                      images.cols, " pixels, more than ", kMaxBytes,
                      " bytes: corrupt header?"));
  }
  images.pixels = file.read_payload(
      n, cat(images.count, " images x ", images.rows, " x ", images.cols));
  return images;
}

std::vector<uint8_t> read_idx_labels(const std::string& path) {
  GzFile file(path);
  file.check_magic(kLabelsMagic, "idx1-ubyte labels");
  const int64_t count = file.read_u32("the number of labels");
  if (count == 0) {
    corrupt(path,
            "the header says the file holds 0 labels: nothing to train or test "
            "on (a truncated download?)");
  }
  return file.read_payload(count, cat(count, " labels"));
}

}  // namespace d2l::gluon::data::detail
