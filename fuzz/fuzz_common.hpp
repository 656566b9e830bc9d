// Shared by the fuzz targets: the library's own error type is the expected way
// to refuse bad bytes; anything else escaping (another exception, a crash, a
// sanitizer report) is a finding.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

// A file of `size` bytes at a path private to this process, for the readers
// that take a path.
inline std::string bytes_as_file(const uint8_t* data, size_t size, const char* suffix) {
  static const std::string path =
      "/tmp/d2l-fuzz-" + std::to_string(getpid()) + std::string(suffix);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  return path;
}
