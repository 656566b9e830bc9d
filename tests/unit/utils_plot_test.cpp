// SVG figures: line charts, log scales, image grids, atomic writes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "d2l/ops.hpp"
#include "d2l/utils/images.hpp"
#include "d2l/utils/plot.hpp"

using namespace d2l;
using namespace d2l::book;  // the book's helpers: tests call them unqualified
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("d2l_utils_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1))
    ++n;
  return n;
}

// Minimal well-formedness: opens with <svg, closes with </svg>, and every
// element opened is closed.
void check_well_formed(const std::string& svg) {
  REQUIRE(svg.rfind("<svg", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  for (const char* tag : {"g", "text", "defs", "clipPath"}) {
    INFO("tag " << tag);
    CHECK(count(svg, std::string("<") + tag + " ") +
              count(svg, std::string("<") + tag + ">") ==
          count(svg, std::string("</") + tag + ">"));
  }
}

}  // namespace

TEST_CASE("Figure writes one polyline per series with a legend", "[utils][plot]") {
  auto dir = fresh_dir("lines");
  Figure fig({.title = "Two curves", .xlabel = "epoch", .ylabel = "value"});
  fig.line({1, 2, 3}, {0.5, 0.25, 0.125}, "train <loss>")
      .line({1, 2, 3}, {0.6, 0.4, 0.3}, "test loss", "--");
  fig.save((dir / "f.svg").string());
  auto svg = read(dir / "f.svg");
  check_well_formed(svg);
  CHECK(count(svg, "<polyline") == 2);
  CHECK(svg.find("train &lt;loss&gt;") != std::string::npos);  // escaped
  CHECK(svg.find("test loss") != std::string::npos);
  CHECK(svg.find("stroke-dasharray") != std::string::npos);
  CHECK(svg.find(">epoch</text>") != std::string::npos);
  CHECK(svg.find(">Two curves</text>") != std::string::npos);
  CHECK(svg == fig.svg());
}

TEST_CASE("semilogy puts ticks at powers of ten", "[utils][plot]") {
  auto dir = fresh_dir("log");
  std::vector<double> x{1, 2, 3, 4}, y{1, 1e-1, 1e-2, 1e-3}, y2{2, 0.5, 0.2, 0.1};
  semilogy((dir / "s.svg").string(), x, y, "epochs", "loss", x, y2, {"train", "test"});
  auto svg = read(dir / "s.svg");
  check_well_formed(svg);
  CHECK(count(svg, "<polyline") == 2);
  // 10^-2 is written as 10 with a raised exponent.
  CHECK(svg.find("10<tspan dy=\"-6\" font-size=\"9\">\u22122</tspan>") !=
        std::string::npos);
  CHECK(svg.find(">0</tspan>") != std::string::npos);  // 10^0
  CHECK(svg.find(">train</text>") != std::string::npos);
}

TEST_CASE("plot skips what a log scale cannot show and checks its input",
          "[utils][plot]") {
  Figure fig({.yscale = "log"});
  fig.line({1, 2, 3, 4}, {1, 0, -1, 10});  // two points cannot be drawn
  auto svg = fig.svg();
  CHECK(count(svg, "<polyline") == 2);  // the line breaks around the gap
  CHECK_THROWS_WITH(Figure().line({1, 2}, {1}), Catch::Contains("2 x values and 1 y"));
  CHECK_THROWS_WITH(Figure().set_yscale("cubic"), Catch::Contains("linear"));
  auto dir = fresh_dir("plotfn");
  plot((dir / "p.svg").string(), {0, 1, 2}, {{{1, 2, 3}, "a"}, {{3, 2, 1}, "b", ":"}},
       {.xlabel = "x"});
  CHECK(count(read(dir / "p.svg"), "<polyline") == 2);
  xyplot((dir / "relu.svg").string(), nd::arange(-2, 2, 0.5),
         nd::relu(nd::arange(-2, 2, 0.5)), "relu");
  CHECK(read(dir / "relu.svg").find(">relu(x)</text>") != std::string::npos);
}

TEST_CASE("scatter draws a circle per point", "[utils][plot]") {
  Figure fig;
  fig.scatter(NDArray{1, 2, 3}, NDArray{3, 1, 2}, "points");
  CHECK(count(fig.svg(), "<circle") == 3 + 1);  // and one in the legend
}

TEST_CASE("show_images lays out a grid with titles", "[utils][plot]") {
  auto dir = fresh_dir("images");
  auto imgs = nd::random::uniform(0, 1, {5, 1, 28, 28});
  show_images((dir / "g.svg").string(), imgs, 2, 3, {"a", "b", "c\nd", "e", "f&g"});
  auto svg = read(dir / "g.svg");
  check_well_formed(svg);
  CHECK(count(svg, "<image ") == 5);
  CHECK(count(svg, "data:image/png;base64,iVBORw0KGgo") == 5);  // PNG signature
  CHECK(svg.find(">f&amp;g</text>") != std::string::npos);
  CHECK(svg.find(">d</text>") != std::string::npos);  // second title line
  // 3 columns of 82 px and 2 rows of (56 + 8 + 2 * 14 + 4) px, plus margins.
  CHECK(svg.find("width=\"254\" height=\"200\"") != std::string::npos);
  CHECK(svg.size() < 5 * 3000 + 2000);  // PNGs keep it small
  // (N, H, W) with 0..255 values, and one row.
  show_fashion_mnist((dir / "r.svg").string(), nd::full({2, 4, 4}, 255),
                     {"sneaker", "bag"});
  CHECK(count(read(dir / "r.svg"), "<image ") == 2);
  CHECK_THROWS_WITH(show_images((dir / "x.svg").string(), nd::zeros({2, 5, 4, 4}), 1, 2),
                    Catch::Contains("(2, 5, 4, 4)"));
}

TEST_CASE("write_file_atomic replaces the file and leaves no temporary",
          "[utils][plot]") {
  auto dir = fresh_dir("atomic");
  auto path = (dir / "out.svg").string();
  write_file_atomic(path, "first");
  write_file_atomic(path, "second");
  CHECK(read(path) == "second");
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);
  CHECK_THROWS_WITH(write_file_atomic((dir / "no/such/dir/f.svg").string(), "x"),
                    Catch::Contains("cannot write"));
}
