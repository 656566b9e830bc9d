#pragma once
// The catalogue of bad inputs: each case makes a small bad file or call and
// expects a d2l::Error (not another exception type, not a crash) whose message
// names the thing and the fact. The cases of files whose headers claim huge
// sizes also check that the refusal costs little memory.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "d2l/d2l.hpp"

namespace catalogue {

namespace fs = std::filesystem;

/// A fresh empty folder, removed with its files when the case ends.
struct TempDir {
  fs::path path;
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// The path of `name` inside the folder.
  std::string file(const std::string& name) const { return (path / name).string(); }
};

/// Writes `bytes` to `path` as they are.
void write_bytes(const std::string& path, const std::string& bytes);
/// Writes `bytes` to `path` gzip-compressed.
void write_gzip(const std::string& path, const std::string& bytes);
/// The bytes of the file at `path`.
std::string read_bytes(const std::string& path);

/// Little-endian and big-endian integers, as the file formats store them.
std::string le32(uint32_t v);
std::string le16(uint32_t v);
std::string be32(uint32_t v);
/// Overwrites 2 or 4 little-endian bytes of `s` at `at`.
void put_le16(std::string& s, size_t at, uint32_t v);
void put_le32(std::string& s, size_t at, uint32_t v);

/// Runs `action`, which must throw a d2l::Error whose message contains every one
/// of `facts`. No error, or an exception of another type, fails the case.
/// Returns the message.
std::string expect_named_error(const std::function<void()>& action,
                               const std::vector<std::string>& facts);

/// expect_named_error, and the peak resident memory while `action` runs stays
/// within `limit_mb` of what it was before (Linux: /proc/self/clear_refs resets
/// the peak, VmHWM reads it).
std::string expect_named_error_within(int limit_mb, const std::function<void()>& action,
                                      const std::vector<std::string>& facts);

/// What `action` printed to std::cerr.
std::string captured_stderr(const std::function<void()>& action);

}  // namespace catalogue
