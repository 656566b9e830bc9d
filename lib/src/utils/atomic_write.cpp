#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "d2l/error.hpp"
#include "d2l/utils/files.hpp"

namespace d2l {

namespace {

namespace fs = std::filesystem;

// The process id in `name` when it is `<file>.tmp.<pid>.<n>`, else 0.
pid_t temporary_of(const std::string& name, const std::string& file) {
  const std::string prefix = file + ".tmp.";
  if (!name.starts_with(prefix)) return 0;
  const std::string rest = name.substr(prefix.size());
  const size_t dot = rest.find('.');
  if (dot == 0 || dot == std::string::npos || dot > 9) return 0;
  const std::string pid = rest.substr(0, dot), n = rest.substr(dot + 1);
  auto digits = [](const std::string& t) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
  };
  return digits(pid) && digits(n) ? pid_t(std::stol(pid)) : 0;
}

// A process killed in the middle of a write leaves its temporary file behind.
// Those of processes that no longer exist are removed at the next write of the
// same file, so that repeated crashes cannot pile them up. (Best effort: a
// folder that cannot be listed is left alone.)
void remove_stale_temporaries(const fs::path& target) {
  std::error_code ec;
  const fs::path folder = target.has_parent_path() ? target.parent_path() : ".";
  const std::string file = target.filename().string();
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const pid_t pid = temporary_of(it->path().filename().string(), file);
    if (pid > 0 && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH) {
      fs::remove(it->path(), ec);
      ec.clear();
    }
  }
}

}  // namespace

void write_file_atomic(const std::string& path, const std::string& content) {
  remove_stale_temporaries(path);
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
