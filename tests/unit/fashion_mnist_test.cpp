// FashionMNIST and its IDX reader: small files written here (gzip, via zlib),
// damaged in the ways real downloads are, and the real set when installed.
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "d2l/data.hpp"
#include "d2l/vision.hpp"

using namespace d2l;
using namespace d2l::gluon::data;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<uint8_t>;

// A fresh empty folder, removed with everything in it at the end of a test.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("d2l-fmnist-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

void put_u32(Bytes& b, uint32_t v) {
  for (int shift : {24, 16, 8, 0}) b.push_back(uint8_t(v >> shift));
}

// An IDX header: the magic number, then one length per axis.
Bytes header(uint32_t magic, std::vector<uint32_t> dims) {
  Bytes b;
  put_u32(b, magic);
  for (auto d : dims) put_u32(b, d);
  return b;
}

Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void write_gz(const std::string& path, const Bytes& content) {
  gzFile f = gzopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, content.data(), unsigned(content.size())) == int(content.size()));
  REQUIRE(gzclose(f) == Z_OK);
}

// Three 2x3 images: image i has pixels 10 i + p (p = 0..5); labels 7, 0, 9.
Bytes pixels() {
  Bytes p;
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 6; ++k) p.push_back(uint8_t(10 * i + k));
  return p;
}
Bytes good_images() { return concat(header(2051, {3, 2, 3}), pixels()); }
Bytes good_labels() { return concat(header(2049, {3}), {7, 0, 9}); }

void write_set(const TempDir& dir, const Bytes& images, const Bytes& labels,
               const std::string& prefix = "train") {
  write_gz(dir.file(prefix + "-images-idx3-ubyte.gz"), images);
  write_gz(dir.file(prefix + "-labels-idx1-ubyte.gz"), labels);
}

std::string load_error(const TempDir& dir) {
  try {
    vision::FashionMNIST ds(true, dir.path.string());
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("FashionMNIST reads small gzip IDX files", "[data][fashion_mnist]") {
  TempDir dir;
  write_set(dir, good_images(), good_labels());
  vision::FashionMNIST ds(true, dir.path.string());
  CHECK(ds.size() == 3);
  CHECK(ds.height() == 2);
  CHECK(ds.width() == 3);
  CHECK(ds.images() == pixels());
  CHECK(ds.labels() == Bytes{7, 0, 9});

  // Batches are float images (n, H, W, 1) with values 0..255.
  const int64_t picks[] = {2, 0};
  auto batch = ds.gather(picks);
  CHECK(batch.data.shape() == Shape{2, 2, 3, 1});
  CHECK(batch.data.to_vector() ==
        std::vector<float>{20, 21, 22, 23, 24, 25, 0, 1, 2, 3, 4, 5});
  CHECK(batch.label.to_vector() == std::vector<float>{9, 7});
  auto [x, y] = ds[1];
  CHECK(x.shape() == Shape{2, 3, 1});
  CHECK(y.asscalar() == 0);

  // Unpacked files work too; the test split has its own names.
  TempDir plain;
  std::ofstream(plain.file("t10k-images-idx3-ubyte"), std::ios::binary)
      .write(reinterpret_cast<const char*>(good_images().data()), 34);
  write_gz(plain.file("t10k-labels-idx1-ubyte.gz"), good_labels());
  CHECK(vision::FashionMNIST(false, plain.path.string()).size() == 3);
}

TEST_CASE("FashionMNIST names the file of a truncated payload", "[data][fashion_mnist]") {
  TempDir dir;
  Bytes images = good_images();
  images.resize(images.size() - 4);  // a valid gzip of too few bytes
  write_set(dir, images, good_labels());
  const auto msg = load_error(dir);
  CHECK_THAT(msg, Catch::Contains("train-images-idx3-ubyte.gz") &&
                      Catch::Contains("truncated") && Catch::Contains("18 bytes") &&
                      Catch::Contains("found 14"));
}

TEST_CASE("FashionMNIST names the file of a cut gzip stream", "[data][fashion_mnist]") {
  TempDir dir;
  write_set(dir, good_images(), good_labels());
  // Cut the compressed labels file in the middle, as an interrupted download.
  const auto path = dir.file("train-labels-idx1-ubyte.gz");
  fs::resize_file(path, fs::file_size(path) / 2);
  CHECK_THAT(load_error(dir), Catch::Contains("train-labels-idx1-ubyte.gz"));
}

TEST_CASE("FashionMNIST rejects trailing data", "[data][fashion_mnist]") {
  TempDir dir;
  write_set(dir, concat(good_images(), {1, 2}), good_labels());
  CHECK_THAT(load_error(dir), Catch::Contains("train-images-idx3-ubyte.gz") &&
                                  Catch::Contains("trailing"));
}

TEST_CASE("FashionMNIST rejects a wrong magic number", "[data][fashion_mnist]") {
  TempDir dir;
  // Labels where images belong: magic 2049 instead of 2051.
  write_set(dir, good_labels(), good_labels());
  CHECK_THAT(load_error(dir), Catch::Contains("train-images-idx3-ubyte.gz") &&
                                  Catch::Contains("2051") && Catch::Contains("2049"));
}

TEST_CASE("FashionMNIST rejects mismatched counts", "[data][fashion_mnist]") {
  TempDir dir;
  write_set(dir, good_images(), concat(header(2049, {2}), {1, 2}));
  CHECK_THAT(load_error(dir), Catch::Contains("train-images-idx3-ubyte.gz") &&
                                  Catch::Contains("train-labels-idx1-ubyte.gz") &&
                                  Catch::Contains("3 images") &&
                                  Catch::Contains("2 labels"));
}

TEST_CASE("FashionMNIST rejects labels outside 0 to 9", "[data][fashion_mnist]") {
  TempDir dir;
  write_set(dir, good_images(), concat(header(2049, {3}), {1, 12, 2}));
  CHECK_THAT(load_error(dir),
             Catch::Contains("train-labels-idx1-ubyte.gz") && Catch::Contains("12"));
}

TEST_CASE("FashionMNIST says where it looked and how to get the files",
          "[data][fashion_mnist]") {
  TempDir dir;
  CHECK_THAT(load_error(dir),
             Catch::Contains(dir.path.filename().string()) &&
                 Catch::Contains("apt-get install dataset-fashion-mnist") &&
                 Catch::Contains("D2L_DATA"));
}

TEST_CASE("FashionMNIST label names", "[data][fashion_mnist]") {
  const auto& names = vision::fashion_mnist_label_names();
  CHECK(names[0] == "t-shirt");
  CHECK(names[9] == "ankle boot");
}

TEST_CASE("FashionMNIST loads the installed training set", "[data][fashion_mnist]") {
  const fs::path system = "/usr/share/datasets/fashion-mnist";
  if (!fs::exists(system / "train-images-idx3-ubyte.gz")) {
    WARN("skipped: " << system.string()
                     << " is missing (sudo apt-get install dataset-fashion-mnist)");
    return;
  }
  vision::FashionMNIST train(true, system.string());
  CHECK(train.size() == 60000);
  CHECK(train.height() == 28);
  CHECK(train.width() == 28);
  std::vector<int> per_class(10);
  for (uint8_t label : train.labels()) ++per_class.at(label);
  for (int c : per_class) CHECK(c == 6000);  // Fashion-MNIST is balanced

  DataLoader loader(
      train,
      {.batch_size = 256, .shuffle = true, .transform = vision::transforms::ToTensor()});
  CHECK(loader.size() == 235);
  const auto& batch = *loader.begin();
  CHECK(batch.data.shape() == Shape{256, 1, 28, 28});
  CHECK(batch.data.min().asscalar() >= 0);
  CHECK(batch.data.max().asscalar() <= 1);
  CHECK(batch.label.max().asscalar() <= 9);

  CHECK(vision::FashionMNIST(false, system.string()).size() == 10000);
}

TEST_CASE("FashionMNIST looks in D2L_DATA first", "[data][fashion_mnist]") {
  TempDir dir;
  fs::create_directories(dir.path / "fashion-mnist");
  write_gz(dir.file("fashion-mnist/train-images-idx3-ubyte.gz"), good_images());
  write_gz(dir.file("fashion-mnist/train-labels-idx1-ubyte.gz"), good_labels());
  const char* old = std::getenv("D2L_DATA");
  const std::string saved = old ? old : "";
  setenv("D2L_DATA", dir.path.c_str(), /*overwrite=*/1);
  vision::FashionMNIST ds;
  if (old) {
    setenv("D2L_DATA", saved.c_str(), 1);
  } else {
    unsetenv("D2L_DATA");
  }
  CHECK(ds.size() == 3);
  CHECK(fs::path(ds.folder()) == dir.path / "fashion-mnist");
}

namespace {
long peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}
}  // namespace

TEST_CASE("IDX headers that lie are refused before memory is spent on them",
          "[data][fashion_mnist]") {
  TempDir dir;
  SECTION("4G labels claimed, three present: truncated, and no 4 GB allocated") {
    write_set(dir, good_images(), concat(header(2049, {0xFFFFFFFFu}), {7, 0, 9}));
    const long before = peak_rss_kb();
    CHECK_THAT(load_error(dir), Catch::Contains("train-labels-idx1-ubyte.gz") &&
                                    Catch::Contains("truncated"));
    CHECK(peak_rss_kb() - before < 200 * 1024);  // well under the claimed 4 GB
  }
  SECTION("dimensions whose product passes 2^63") {
    write_set(dir,
              concat(header(2051, {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}), pixels()),
              good_labels());
    CHECK_THAT(load_error(dir), Catch::Contains("train-images-idx3-ubyte.gz") &&
                                    Catch::Contains("corrupt header"));
  }
  SECTION("a file of 0 images or 0 labels") {
    write_set(dir, header(2051, {0, 2, 3}), good_labels());
    CHECK_THAT(load_error(dir), Catch::Contains("0 images"));
    write_set(dir, good_images(), header(2049, {0}));
    CHECK_THAT(load_error(dir), Catch::Contains("0 labels"));
  }
}

TEST_CASE("a data folder missing one file is an error, not a mix of two folders",
          "[data][fashion_mnist]") {
  TempDir dir;
  write_set(dir, good_images(), good_labels(), "train");  // no t10k files
  const char* before = std::getenv("D2L_DATA");
  const std::string saved = before ? before : "";
  setenv("D2L_DATA", dir.path.string().c_str(), 1);
  std::string message = "no error";
  try {
    vision::FashionMNIST test_set(false);  // the system folder has a test set
  } catch (const std::exception& e) {
    message = e.what();
  }
  if (before)
    setenv("D2L_DATA", saved.c_str(), 1);
  else
    unsetenv("D2L_DATA");
  CHECK_THAT(message, Catch::Contains(dir.path.string()) &&
                          Catch::Contains("t10k-images-idx3-ubyte"));
  CHECK(vision::FashionMNIST(true, dir.path.string()).size() == 3);  // train is fine
}
