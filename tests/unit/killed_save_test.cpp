// A save killed at random moments (SIGKILL to a child process in the middle of
// writing) keeps the previous file loadable, and the temporaries the killed
// writes leave behind are removed at the next save of the same file.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "d2l/d2l.hpp"

using namespace d2l;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("d2l-killed-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

int temporaries(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    n += e.path().filename().string().find(".tmp.") != std::string::npos;
  }
  return n;
}

// A child process that writes `content` to `path` again and again until killed.
// It calls write_file_atomic alone (no thread pool exists after fork()).
pid_t writer(const std::string& path, const std::string& content) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    for (;;) write_file_atomic(path, content);
  }
  return pid;
}

}  // namespace

TEST_CASE("a save killed at random moments keeps a loadable file and no temporaries",
          "[utils][files]") {
  const fs::path dir = fresh_dir("random");
  const std::string path = (dir / "w.npy").string();
  // Two versions of a 16 MiB array, encoded once; the child writes the second.
  nd::save(path, nd::full({4 << 20}, 1));
  const std::string old_bytes = bytes_of(path);
  nd::save((dir / "new").string(), nd::full({4 << 20}, 2));
  const std::string new_bytes = bytes_of(dir / "new");
  fs::remove(dir / "new");

  std::mt19937 rng(7);
  int left_behind = 0;
  for (int round = 0; round < 8; ++round) {
    const pid_t pid = writer(path, new_bytes);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % 60));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    // Whole, either version: never a mix or a half-written file.
    const std::string now = bytes_of(path);
    CHECK((now == old_bytes || now == new_bytes));
    CHECK(nd::load_array(path).size() == (4 << 20));
    left_behind += temporaries(dir);
    // The next save removes what the killed one left.
    write_file_atomic(path, old_bytes);
    CHECK(temporaries(dir) == 0);
  }
  INFO("temporaries left by the 8 kills before the next save: " << left_behind);
  fs::remove_all(dir);
}

TEST_CASE("a temporary of a process still running is left alone", "[utils][files]") {
  const fs::path dir = fresh_dir("alive");
  const std::string path = (dir / "f.txt").string();
  const pid_t alive = fork();
  REQUIRE(alive >= 0);
  if (alive == 0) {
    pause();  // until killed
    _exit(0);
  }
  const fs::path theirs = dir / ("f.txt.tmp." + std::to_string(alive) + ".0");
  std::ofstream(theirs) << "half";
  const fs::path other_file = dir / "g.txt.tmp.999999999.0";  // not f.txt's
  std::ofstream(other_file) << "x";
  write_file_atomic(path, "one");
  CHECK(fs::exists(theirs));  // its writer may still rename it
  kill(alive, SIGKILL);
  waitpid(alive, nullptr, 0);
  write_file_atomic(path, "two");
  CHECK_FALSE(fs::exists(theirs));
  CHECK(fs::exists(other_file));
  CHECK(bytes_of(path) == "two");
  fs::remove_all(dir);
}
