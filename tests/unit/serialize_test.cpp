// nd::save / nd::load: round trips of one array, a list and a dict; files NumPy
// wrote (data/fixtures/, made by scripts/make_fixtures.py); errors for missing,
// truncated and corrupt files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "d2l/d2l.hpp"

using namespace d2l;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) {
  return std::string(D2L_SOURCE_DIR) + "/data/fixtures/" + name;
}

// A fresh, empty folder for one test's files.
fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("d2l_serialize_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("one array round-trips through .npy bit for bit", "[serialize]") {
  auto dir = scratch("one");
  NDArray x = nd::random::normal(0, 1, {3, 4});
  nd::save((dir / "x.npy").string(), x);
  NDArray y = nd::load_array((dir / "x.npy").string());
  CHECK(y.shape() == x.shape());
  CHECK(y.to_vector() == x.to_vector());
  // The header NumPy writes, padded so the data starts at a multiple of 64.
  std::string bytes = slurp(dir / "x.npy");
  CHECK(bytes.substr(0, 6) == "\x93NUMPY");
  CHECK(bytes.find("'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }") !=
        std::string::npos);
  CHECK(bytes.size() == 128 + 12 * 4);
  // 1-d arrays are written as NumPy writes them: (3,).
  nd::save((dir / "v.npy").string(), NDArray{1, 2, 3});
  CHECK(slurp(dir / "v.npy").find("'shape': (3,), }") != std::string::npos);
  CHECK(nd::load_array((dir / "v.npy").string()).to_vector() ==
        std::vector<float>{1, 2, 3});
}

TEST_CASE("a list and a dict round-trip through .npz", "[serialize]") {
  auto dir = scratch("many");
  NDArray a = nd::arange(4), b = nd::ones({2, 2});
  nd::save((dir / "list.npz").string(), std::vector<NDArray>{a, b});
  auto list = nd::load_list((dir / "list.npz").string());
  REQUIRE(list.size() == 2);
  CHECK(list[0].to_vector() == a.to_vector());
  CHECK(list[1].shape() == Shape{2, 2});

  nd::save((dir / "dict.npz").string(),
           std::map<std::string, NDArray>{{"x", a}, {"y", b}});
  auto loaded = nd::load((dir / "dict.npz").string());
  CHECK(loaded.is_archive);
  auto dict = loaded.dict();
  REQUIRE(dict.size() == 2);
  CHECK(dict.at("x").to_vector() == a.to_vector());
  CHECK(dict.at("y").to_vector() == b.to_vector());
  // A dict is not a list, and an archive is not one array.
  CHECK_THROWS_WITH(loaded.list(),
                    Catch::Contains("dict.npz") && Catch::Contains("use dict()"));
  CHECK_THROWS_WITH(loaded.array(), Catch::Contains("list() or dict()"));
  // A .npy file read as a list is a list of one.
  nd::save((dir / "one.npy").string(), a);
  CHECK(nd::load_list((dir / "one.npy").string()).size() == 1);
  CHECK_THROWS_WITH(nd::load_dict((dir / "one.npy").string()),
                    Catch::Contains("one.npy") && Catch::Contains("array()"));
}

TEST_CASE("files NumPy wrote are read, with dtypes converted to float32", "[serialize]") {
  NDArray single = nd::load_array(fixture("numpy_single.npy"));
  CHECK(single.shape() == Shape{2, 3});
  CHECK(single.to_vector() == std::vector<float>{0, 0.25f, 0.5f, 0.75f, 1, 1.25f});

  auto d = nd::load_dict(fixture("numpy_dict.npz"));  // np.savez: ZIP64 extras
  REQUIRE(d.size() == 5);
  CHECK(d.at("weight").to_vector() == single.to_vector());
  CHECK(d.at("bias").to_vector() == std::vector<float>{-1.5f, 2.0f, 1e-3f});
  CHECK(d.at("counts").shape() == Shape{2, 2});
  CHECK(d.at("counts").to_vector() == std::vector<float>{1, 2, 3, 4});
  CHECK(d.at("mask").to_vector() == std::vector<float>{1, 0, 1});
  CHECK(d.at("scalar").shape() == Shape{});
  CHECK(d.at("scalar").asscalar() == 7.5f);

  auto l = nd::load_list(fixture("numpy_list.npz"));
  REQUIRE(l.size() == 2);
  CHECK(l[0].to_vector() == std::vector<float>{1, 1, 1});
  CHECK(l[1].shape() == Shape{1, 2});

  auto c = nd::load_dict(fixture("numpy_compressed.npz"));  // deflated entries
  CHECK(c.at("x").to_vector() == single.to_vector());
}

TEST_CASE("missing, truncated and corrupt files are errors naming the file",
          "[serialize]") {
  auto dir = scratch("bad");
  const std::string missing = (dir / "nope.npz").string();
  CHECK_THROWS_WITH(nd::load(missing), Catch::Contains(missing));

  nd::save((dir / "good.npz").string(), std::vector<NDArray>{nd::arange(100)});
  const std::string good = slurp(dir / "good.npz");
  // Cut in the middle: the end record is gone.
  const std::string cut = (dir / "cut.npz").string();
  spit(cut, good.substr(0, good.size() / 2));
  CHECK_THROWS_WITH(nd::load(cut), Catch::Contains(cut) && Catch::Contains("truncated"));
  // One data byte flipped: the CRC no longer matches.
  std::string flipped = good;
  flipped[200] ^= 0x55;
  spit(dir / "flip.npz", flipped);
  CHECK_THROWS_WITH(nd::load((dir / "flip.npz").string()),
                    Catch::Contains("flip.npz") && Catch::Contains("CRC"));
  // A .npy cut short in its data says how many bytes it needed.
  nd::save((dir / "x.npy").string(), nd::arange(10));
  spit(dir / "short.npy", slurp(dir / "x.npy").substr(0, 128 + 20));
  CHECK_THROWS_WITH(nd::load((dir / "short.npy").string()),
                    Catch::Contains("short.npy") && Catch::Contains("needs 40 bytes") &&
                        Catch::Contains("has 20"));
  // Neither format.
  spit(dir / "text.npz", "hello");
  CHECK_THROWS_WITH(nd::load((dir / "text.npz").string()),
                    Catch::Contains("text.npz") && Catch::Contains("neither"));
  spit(dir / "empty.npy", "");
  CHECK_THROWS_WITH(nd::load((dir / "empty.npy").string()), Catch::Contains("empty.npy"));
}

TEST_CASE("saving replaces the file through a temporary one", "[serialize]") {
  auto dir = scratch("atomic");
  const std::string path = (dir / "x.npy").string();
  nd::save(path, nd::ones({2}));
  nd::save(path, nd::zeros({3}));
  CHECK(nd::load_array(path).to_vector() == std::vector<float>{0, 0, 0});
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    ++files;
    CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
  }
  CHECK(files == 1);
  // A folder that does not exist: an error, naming the path.
  CHECK_THROWS_WITH(nd::save((dir / "no" / "x.npy").string(), nd::ones({1})),
                    Catch::Contains("no/x.npy"));
}

namespace {
uint32_t u32_at(const std::string& b, size_t at) {
  return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 |
         uint32_t(uint8_t(b[at + 2])) << 16 | uint32_t(uint8_t(b[at + 3])) << 24;
}
void put_u32_at(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = char((v >> (8 * i)) & 0xff);
}
void put_u16_at(std::string& b, size_t at, uint32_t v) {
  b[at] = char(v & 0xff), b[at + 1] = char((v >> 8) & 0xff);
}
// Where the first central directory record starts.
size_t central_directory(const std::string& zip) {
  return u32_at(zip, zip.rfind(std::string("PK\x05\x06", 4)) + 16);
}
std::string load_error(const fs::path& path, const std::string& bytes) {
  spit(path, bytes);
  try {
    nd::load(path.string());
  } catch (const d2l::Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("archives whose directory lies are refused by name, without big allocations",
          "[serialize]") {
  auto dir = scratch("lies");
  nd::save((dir / "two.npz").string(),
           std::vector<NDArray>{nd::arange(4), nd::arange(5)});
  const std::string good = slurp(dir / "two.npz");
  const size_t cd = central_directory(good);

  // The second member renamed to the first's name, in both headers.
  std::string twins = good;
  for (size_t at = twins.find("arr_1"); at != std::string::npos; at = twins.find("arr_1"))
    twins[at + 4] = '0';
  CHECK_THAT(load_error(dir / "twins.npz", twins),
             Catch::Contains("twins.npz") && Catch::Contains("two members are named"));

  // A stored member relabelled as deflate that claims 4 GB.
  std::string bomb = good;
  put_u16_at(bomb, cd + 10, 8);
  put_u32_at(bomb, cd + 24, 0xfffffff0u);
  CHECK_THAT(
      load_error(dir / "bomb.npz", bomb),
      Catch::Contains("bomb.npz") && Catch::Contains("more than deflate can produce"));

  // A local-header offset far past the end of the file.
  std::string far = good;
  put_u32_at(far, cd + 42, 0xfffffff0u);
  CHECK_THAT(load_error(dir / "far.npz", far), Catch::Contains("bad local header"));

  // A ZIP64 end locator just before the end record.
  std::string zip64 = good;
  std::string locator(20, '\0');
  put_u32_at(locator, 0, 0x07064b50u);
  zip64.insert(zip64.rfind(std::string("PK\x05\x06", 4)), locator);
  CHECK_THAT(load_error(dir / "zip64.npz", zip64), Catch::Contains("ZIP64 archive"));

  // The good archive still loads.
  CHECK(nd::load_list((dir / "two.npz").string()).size() == 2);
}
