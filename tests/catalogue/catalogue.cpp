#include "catalogue.hpp"

#include <zlib.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <typeinfo>

namespace catalogue {

TempDir::TempDir() {
  static int counter = 0;
  path = fs::temp_directory_path() /
         ("d2l-catalogue-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
  fs::remove_all(path);
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  REQUIRE(out.good());
}

void write_gzip(const std::string& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, bytes.data(), unsigned(bytes.size())) == int(bytes.size()));
  REQUIRE(gzclose(f) == Z_OK);
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string le16(uint32_t v) { return {char(v & 0xff), char((v >> 8) & 0xff)}; }
std::string le32(uint32_t v) { return le16(v & 0xffff) + le16(v >> 16); }
std::string be32(uint32_t v) {
  return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)};
}
void put_le16(std::string& s, size_t at, uint32_t v) { s.replace(at, 2, le16(v)); }
void put_le32(std::string& s, size_t at, uint32_t v) { s.replace(at, 4, le32(v)); }

std::string expect_named_error(const std::function<void()>& action,
                               const std::vector<std::string>& facts) {
  std::string message;
  try {
    action();
  } catch (const d2l::Error& e) {
    message = e.what();
  } catch (const std::exception& e) {
    FAIL("threw " << typeid(e).name() << " instead of d2l::Error: " << e.what());
  }
  if (message.empty())
    FAIL("no error; expected one naming: " << Catch::Detail::stringify(facts));
  INFO("the message: " << message);
  for (const auto& fact : facts) CHECK_THAT(message, Catch::Contains(fact));
  return message;
}

namespace {

// A "VmRSS:" or "VmHWM:" line of /proc/self/status, in MiB.
double status_mb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size())) / 1024;
  }
  return -1;
}

}  // namespace

std::string expect_named_error_within(int limit_mb, const std::function<void()>& action,
                                      const std::vector<std::string>& facts) {
  std::ofstream("/proc/self/clear_refs") << "5";  // the peak starts again from here
  const double before = status_mb("VmRSS:");
  const std::string message = expect_named_error(action, facts);
  const double peak = status_mb("VmHWM:");
  INFO("resident memory: " << before << " MiB before, peak " << peak << " MiB");
  CHECK(peak - before < limit_mb);
  return message;
}

std::string captured_stderr(const std::function<void()>& action) {
  std::ostringstream captured;
  std::streambuf* old = std::cerr.rdbuf(captured.rdbuf());
  try {
    action();
  } catch (...) {
    std::cerr.rdbuf(old);
    throw;
  }
  std::cerr.rdbuf(old);
  return captured.str();
}

}  // namespace catalogue
