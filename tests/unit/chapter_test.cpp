// The chapter helper: flags, captured sections and results.json.
#include "d2l/chapter.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "d2l/ops.hpp"
#include "d2l/utils/train.hpp"

namespace fs = std::filesystem;
using d2l::Chapter;
using json = nlohmann::json;

namespace {

// argv as the C runtime would hand it to main().
struct Args {
  std::vector<std::string> words;
  std::vector<char*> ptrs;
  explicit Args(std::vector<std::string> w) : words(std::move(w)) {
    for (auto& s : words) ptrs.push_back(s.data());
  }
  int argc() { return int(ptrs.size()); }
  char** argv() { return ptrs.data(); }
};

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("d2l_chapter_test_" + name);
  fs::remove_all(dir);
  return dir;
}

// Stands in for the terminal: std::cout goes to `text` until the end of the scope.
struct Terminal {
  std::ostringstream text;
  std::streambuf* original = std::cout.rdbuf(text.rdbuf());
  ~Terminal() { std::cout.rdbuf(original); }
  std::string str() const { return text.str(); }
};

json read_json(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  return json::parse(in);
}

}  // namespace

TEST_CASE("chapter defaults come from the chapter and flags override them", "[chapter]") {
  fs::path dir = fresh_dir("flags");
  Args args({"prog", "--epochs", "3", "--lr", "0.25", "--quick", "--out", dir.string()});
  {
    Chapter book(args.argc(), args.argv(), {.epochs = 10, .batch_size = 64, .lr = 0.1});
    CHECK(book.epochs() == 3);
    CHECK(book.batch_size() == 64);
    CHECK(book.lr() == Approx(0.25));
    CHECK(book.quick());
    CHECK(book.device() == d2l::cpu());
    CHECK(book.out_dir() == dir.string());
    CHECK(book.path("fig.svg") == (dir / "fig.svg").string());
  }
  CHECK(fs::exists(dir / "results.json"));
  CHECK(read_json(dir / "results.json")["profile"] == "quick");
}

TEST_CASE("profiles: cpu on a CPU, quick with --quick, book on request", "[chapter]") {
  const d2l::ChapterDefaults defaults{
      .epochs = 5,
      .batch_size = 128,
      .lr = 0.01,
      .resize = 224,
      .cpu = {.epochs = 2, .batch_size = 32, .num_train = 8000, .resize = 112},
      .quick = {.epochs = 1, .num_train = 512, .num_test = 256, .resize = 64}};
  fs::path dir = fresh_dir("profiles");
  auto run = [&](std::vector<std::string> flags) {
    flags.insert(flags.begin(), {"prog", "--out", dir.string()});
    Args args(flags);
    return std::make_unique<Chapter>(args.argc(), args.argv(), defaults);
  };
  {
    auto c = run({});  // no GPU asked for: the CPU profile
    CHECK(c->profile() == "cpu");
    CHECK(c->epochs() == 2);
    CHECK(c->batch_size() == 32);
    CHECK(c->num_train() == 8000);
    CHECK(c->num_test() == 0);  // unset in the profile: the book's value
    CHECK(c->resize() == 112);
    CHECK(c->lr() == Approx(0.01));
    CHECK_FALSE(c->quick());
    const std::string line = c->profile_line();
    CHECK_THAT(line, Catch::StartsWith("profile cpu: device cpu(0), 112x112 images, 8000 "
                                       "training and all test examples, 2 epochs, batch "
                                       "32, lr 0.01 (the book: 224x224 images"));
    CHECK_THAT(line, Catch::Contains("--profile book"));
  }
  CHECK(read_json(dir / "results.json")["profile"] == "cpu");
  {
    auto c = run({"--quick"});
    CHECK(c->profile() == "quick");
    CHECK(c->quick());
    CHECK(c->num_test() == 256);
    CHECK(c->batch_size() == 128);  // unset in the quick profile
  }
  {
    auto c = run({"--profile", "book"});
    CHECK(c->profile() == "book");
    CHECK(c->epochs() == 5);
    CHECK(c->resize() == 224);
    CHECK(c->profile_line() ==
          "profile book: device cpu(0), 224x224 images, all training and all test "
          "examples, 5 epochs, batch 128, lr 0.01");
  }
  {
    // A flag on the command line beats the profile; the rest of it still applies.
    auto c = run({"--resize", "96", "--epochs", "1"});
    CHECK(c->profile() == "cpu");
    CHECK(c->resize() == 96);
    CHECK(c->epochs() == 1);
    CHECK(c->num_train() == 8000);
  }
  // A chapter without a CPU profile runs the book's settings everywhere.
  Args plain({"prog", "--out", dir.string()});
  CHECK(Chapter(plain.argc(), plain.argv(), {.epochs = 3}).profile() == "book");
}

TEST_CASE("output printed in a section is captured under its title", "[chapter]") {
  fs::path dir = fresh_dir("sections");
  Args args({"prog", "--out", dir.string()});
  std::streambuf* original = std::cout.rdbuf();
  std::ostringstream terminal;
  std::cout.rdbuf(terminal.rdbuf());  // stands in for the terminal
  {
    Chapter book(args.argc(), args.argv());
    std::cout << "before any section\n";
    book.section("First");
    std::cout << "one " << 1 << "\n";
    book.section("Second");
    std::cout << "two\n";
    book.result("answer", 42.0);
    book.result("values", d2l::NDArray{1, 2, 3});
  }
  CHECK(std::cout.rdbuf() == terminal.rdbuf());  // the helper restored it
  std::cout.rdbuf(original);

  // The terminal saw everything, the titles included.
  CHECK(terminal.str().find("First") != std::string::npos);
  CHECK(terminal.str().find("one 1") != std::string::npos);

  json page = read_json(dir / "sections.json");
  auto sections = page["sections"];
  REQUIRE(sections.size() == 3);
  CHECK(sections[0]["title"] == "");
  CHECK(sections[0]["output"] == "before any section\n");
  CHECK(sections[1]["title"] == "First");
  CHECK(sections[1]["output"] == "one 1\n");  // the title line is not captured
  CHECK(sections[2]["title"] == "Second");
  CHECK(sections[2]["output"] == "two\n");

  json results = read_json(dir / "results.json");
  CHECK(results["answer"] == 42.0);
  CHECK(results["values"]["shape"] == json::array({3}));
  CHECK(results["values"]["values"] == json::array({1.0, 2.0, 3.0}));
  // Written atomically: no temporary file is left behind.
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
  }
}

TEST_CASE("sections.json is on disk as soon as the next section starts", "[chapter]") {
  fs::path dir = fresh_dir("incremental");
  Args args({"prog", "--out", dir.string()});
  std::ostringstream terminal;
  std::streambuf* original = std::cout.rdbuf(terminal.rdbuf());
  {
    Chapter book(args.argc(), args.argv());
    book.section("A");
    std::cout << "a\n";
    book.section("B");
    // A crash here would still leave section A's output on disk.
    json page = read_json(dir / "sections.json");
    REQUIRE(page["sections"].size() >= 2);
    CHECK(page["sections"][1]["output"] == "a\n");
  }
  std::cout.rdbuf(original);
}

TEST_CASE("results may not use the keys the helper writes itself", "[chapter]") {
  fs::path dir = fresh_dir("reserved");
  Args args({"prog", "--out", dir.string()});
  std::ostringstream terminal;
  std::streambuf* original = std::cout.rdbuf(terminal.rdbuf());
  {
    Chapter book(args.argc(), args.argv());
    REQUIRE_THROWS_WITH(book.result("seconds", 1.0),
                        Catch::Contains("reserved") && Catch::Contains("seconds"));
    REQUIRE_NOTHROW(book.result("epoch_seconds", 1.0));
  }
  std::cout.rdbuf(original);
}

TEST_CASE("a run that is not the book's says so first, with only what it changed",
          "[chapter]") {
  fs::path dir = fresh_dir("quick_line");
  const d2l::ChapterDefaults defaults{.epochs = 5,
                                      .quick = {.epochs = 2, .num_test = 2000}};
  auto terminal = std::make_unique<Terminal>();
  {
    Args args({"prog", "--quick", "--out", dir.string()});
    Chapter quick(args.argc(), args.argv(), defaults);
  }
  const std::string quick_preamble =
      read_json(dir / "sections.json")["sections"][0]["output"];
  {
    Args args({"prog", "--out", dir.string()});
    Chapter book(args.argc(), args.argv(), defaults);
  }
  const std::string book_preamble =
      read_json(dir / "sections.json")["sections"][0]["output"];
  {
    // Nothing to shrink: the quick run says it is the book's.
    Args args({"prog", "--quick", "--out", dir.string()});
    Chapter same(args.argc(), args.argv(), {.epochs = 3});
  }
  const std::string same_preamble =
      read_json(dir / "sections.json")["sections"][0]["output"];
  terminal.reset();
  CHECK(quick_preamble ==
        "profile quick (for the tests): 2 epochs instead of 5, 2000 test examples "
        "instead of all\n");
  CHECK(book_preamble.empty());
  CHECK(same_preamble ==
        "profile quick (for the tests): the book's settings, which run in seconds\n");
}

TEST_CASE("a table goes to sections.json with its section, and rows are checked",
          "[chapter]") {
  fs::path dir = fresh_dir("table");
  Args args({"prog", "--out", dir.string()});
  auto terminal = std::make_unique<Terminal>();
  {
    Chapter book(args.argc(), args.argv());
    book.section("Runs");
    std::cout << "printed\n";
    book.table({"epoch", "acc"}, {{"1", "0.5"}, {"2", "0.75"}}, "Per epoch");
    CHECK_THROWS_WITH(book.table({"epoch", "acc"}, {{"1"}}),
                      Catch::Contains("row 0 has 1 cells, the header 2"));
  }
  const std::string printed = terminal->str();
  terminal.reset();
  auto section = read_json(dir / "sections.json")["sections"][1];
  CHECK(section["output"] == "printed\n");  // the table is not in the output text
  REQUIRE(section["tables"].size() == 1);
  CHECK(section["tables"][0]["caption"] == "Per epoch");
  CHECK(section["tables"][0]["header"] == json::array({"epoch", "acc"}));
  CHECK(section["tables"][0]["rows"][1] == json::array({"2", "0.75"}));
  CHECK_THAT(printed, Catch::Contains("Per epoch\nepoch  acc\n1      0.5\n"));
}

TEST_CASE("compare_histories puts runs side by side, one row per epoch", "[chapter]") {
  fs::path dir = fresh_dir("compare");
  Args args({"prog", "--out", dir.string()});
  auto terminal = std::make_unique<Terminal>();
  {
    Chapter book(args.argc(), args.argv());
    d2l::book::TrainHistory a, b;
    a.loss = {2.5, 1.25};
    a.test_acc = {0.5, 0.625};
    b.loss = {0.75};
    b.test_acc = {0.875};
    d2l::book::compare_histories(book, {{"A", a}, {"B", b}}, "A and B");
  }
  terminal.reset();
  auto table = read_json(dir / "sections.json")["sections"][0]["tables"][0];
  CHECK(table["header"] ==
        json::array({"epoch", "loss, A", "test acc, A", "loss, B", "test acc, B"}));
  CHECK(table["rows"][0] == json::array({"1", "2.5000", "0.500", "0.7500", "0.875"}));
  CHECK(table["rows"][1] == json::array({"2", "1.2500", "0.625", "", ""}));
}
