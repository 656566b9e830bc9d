#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "d2l/error.hpp"
#include "d2l/utils/files.hpp"

namespace d2l {

void write_file_atomic(const std::string& path, const std::string& content) {
  // Unique per process and call, in the target's folder so rename() stays on
  // one file system (and so is atomic).
  static std::atomic<int> counter{0};
  const std::string tmp =
      path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      throw d2l::Error("cannot write " + path + " (via " + tmp +
                       "): does the folder exist and is it writable?");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw d2l::Error("cannot rename " + tmp + " to " + path + ": " + ec.message());
  }
}

}  // namespace d2l
