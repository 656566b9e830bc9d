// The chapter helper: common flags, sections of captured output, figures and
// results.json. See d2l/chapter.hpp for the contract.
//
// How the capture works: the constructor replaces std::cout's stream buffer with a
// "tee" that forwards every character to the terminal (the original buffer) and
// also appends it to the output of the current section. section() prints its
// title line straight to the original buffer, so the title is seen on the
// terminal but is not part of the captured text (the page has its own heading).
// After every section() and at the end, sections.json and results.json are
// rewritten atomically (temporary file, then rename), so a crash loses nothing
// that was already printed and never leaves a half-written file.

#include "d2l/chapter.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <streambuf>
#include <system_error>

#include "core/chapter_profile.hpp"
#include "core/run_guard.hpp"
#include "d2l/error.hpp"
#include "d2l/ops.hpp"
#include "d2l/utils/files.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace d2l {

namespace {

// A stream buffer that writes to `terminal` and appends to `*capture`.
// It keeps no buffer of its own: every write goes through at once, so what is
// captured and what is on screen never disagree.
class TeeBuf : public std::streambuf {
 public:
  TeeBuf(std::streambuf* terminal, std::string* capture)
      : terminal_(terminal), capture_(capture) {}
  void capture_into(std::string* capture) { capture_ = capture; }
  std::streambuf* terminal() const { return terminal_; }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) {
      return traits_type::not_eof(ch);
    }
    capture_->push_back(traits_type::to_char_type(ch));
    return terminal_->sputc(traits_type::to_char_type(ch));
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    capture_->append(s, static_cast<size_t>(n));
    return terminal_->sputn(s, n);
  }
  int sync() override { return terminal_->pubsync(); }

 private:
  std::streambuf* terminal_;
  std::string* capture_;
};

// "cpu", "gpu" or "gpu:N" into a Device; anything else is an error.
Device parse_device(const std::string& text) {
  if (text == "cpu") return cpu();
  if (text == "gpu") return gpu(0);
  if (text.rfind("gpu:", 0) == 0 && text.size() > 4 && text.size() <= 8 &&
      text.find_first_not_of("0123456789", 4) == std::string::npos) {
    return gpu(std::stoi(text.substr(4)));
  }
  throw d2l::Error("--device: expected cpu, gpu or gpu:N, got '" + text + "'");
}

}  // namespace

struct Chapter::State : detail::RunRecord {
  const std::string& program() const override { return name; }
  const std::string& folder() const override { return out_dir; }
  const std::string& current_section() const override { return sections.back().title; }

  struct Figure {
    std::string file, caption;
  };
  struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::string caption;
  };
  struct Section {
    std::string title, output;
    std::vector<Figure> figures;
    std::vector<Table> tables;
  };

  std::string name;        // program name: basename of argv[0]
  std::string out_dir;     // where every file of the run goes
  ChapterDefaults values;  // the run's settings, after the profile
  ChapterDefaults book;    // the chapter's defaults: the book's settings
  std::string profile = "book";
  bool quick = false;
  std::string device_flag = "cpu";
  mutable bool device_noted = false;  // the "no GPU" note is printed once

  // sections[0] is the preamble (title ""). A deque, so that the string the tee
  // appends to stays where it is when a section is added.
  std::deque<Section> sections;
  json results = json::object();
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  std::unique_ptr<TeeBuf> tee;
  std::streambuf* original = nullptr;  // std::cout's buffer before the tee

  // Puts std::cout back and writes the files one last time.
  void finish() override {
    std::cout.flush();
    std::cout.rdbuf(original);
    try {
      save();
    } catch (const std::exception& e) {
      std::cerr << "d2l::Chapter: " << e.what() << '\n';
    }
  }

  json flags() const {
    return {{"epochs", values.epochs},
            {"batch_size", values.batch_size},
            {"lr", values.lr},
            {"num_train", values.num_train},
            {"num_test", values.num_test},
            {"resize", values.resize},
            {"seed", values.seed},
            {"device", device_flag},
            {"quick", quick},
            {"out", out_dir}};
  }

  // Rewrites sections.json and results.json.
  void save() const {
    json list = json::array();
    for (const auto& s : sections) {
      json figures = json::array();
      for (const auto& f : s.figures) {
        figures.push_back({{"file", f.file}, {"caption", f.caption}});
      }
      json tables = json::array();
      for (const auto& t : s.tables) {
        tables.push_back(
            {{"header", t.header}, {"rows", t.rows}, {"caption", t.caption}});
      }
      list.push_back({{"title", s.title},
                      {"output", s.output},
                      {"figures", figures},
                      {"tables", tables}});
    }
    json page = {
        {"chapter", name}, {"profile", profile}, {"flags", flags()}, {"sections", list}};
    write_file_atomic((fs::path(out_dir) / "sections.json").string(),
                      page.dump(2) + "\n");

    json res = results;
    res["chapter"] = name;
    res["profile"] = profile;
    res["seconds"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    write_file_atomic((fs::path(out_dir) / "results.json").string(), res.dump(2) + "\n");
  }
};

namespace {

bool writable_folder(const std::string& dir) {
  const fs::path probe = fs::path(dir) / ".d2l_write_test";
  std::ofstream out(probe);
  const bool ok = out.good();
  out.close();
  std::error_code ignored;
  fs::remove(probe, ignored);
  return ok;
}

}  // namespace

Chapter::Chapter(int argc, char** argv, ChapterDefaults defaults)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.name = argc > 0 ? fs::path(argv[0]).filename().string() : "chapter";
  s.values = s.book = defaults;

  CLI::App app{"Dive into Deep Learning in C++: " + s.name};
  auto* epochs =
      app.add_option("--epochs", s.values.epochs, "Passes over the training data")
          ->capture_default_str();
  auto* batch_size =
      app.add_option("--batch-size", s.values.batch_size, "Examples per minibatch")
          ->capture_default_str();
  app.add_option("--lr", s.values.lr, "Learning rate")->capture_default_str();
  auto* num_train = app.add_option("--num-train", s.values.num_train,
                                   "Training examples to use (0: the whole set)")
                        ->capture_default_str();
  auto* num_test = app.add_option("--num-test", s.values.num_test,
                                  "Test examples to use (0: the whole set)")
                       ->capture_default_str();
  auto* resize =
      app.add_option("--resize", s.values.resize, "Image side after resizing (0: keep)")
          ->capture_default_str();
  app.add_option("--device", s.device_flag, "cpu, gpu or gpu:N")->capture_default_str();
  app.add_option("--seed", s.values.seed, "Random seed")->capture_default_str();
  std::string requested_profile = "auto";
  app.add_option("--profile", requested_profile,
                 "book (the book's settings), cpu (a smaller run where the chapter "
                 "has one), quick, or auto: cpu on a CPU, book on a GPU")
      ->capture_default_str();
  app.add_flag("--quick", s.quick, "Shrink the run so that it finishes in seconds");
  app.add_option("--out", s.out_dir, "Output folder (default: out/<program name>)");
  try {
    app.parse(argc, argv);
    const Device device = parse_device(s.device_flag);  // fail early if malformed
    const int gpus = num_gpus();
    if (device.type == DeviceType::gpu && gpus > 0 && device.id >= gpus) {
      throw d2l::Error("--device " + s.device_flag + ": this machine has " +
                       std::to_string(gpus) + (gpus == 1 ? " GPU" : " GPUs") +
                       ", gpu:0 to gpu:" + std::to_string(gpus - 1));
    }
    const bool gpu_missing = device.type == DeviceType::gpu && device.id >= gpus;
    s.profile = detail::choose_profile(requested_profile, s.quick, defaults,
                                       gpu_missing ? cpu() : device);
    s.quick = s.profile == "quick";
    detail::apply_profile(s.profile, s.book,
                          {.epochs = epochs->count() > 0,
                           .batch_size = batch_size->count() > 0,
                           .num_train = num_train->count() > 0,
                           .num_test = num_test->count() > 0,
                           .resize = resize->count() > 0},
                          s.values);
    detail::check_flags(s.values);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));            // --help prints the usage and exits with 0
  } catch (const std::exception& e) {  // d2l::Error, or a number out of range
    std::cerr << s.name << ": " << e.what() << '\n';
    std::exit(2);
  }
  if (s.out_dir.empty()) s.out_dir = (fs::path("out") / s.name).string();
  std::error_code made;
  fs::create_directories(s.out_dir, made);
  if (made || !writable_folder(s.out_dir)) {
    std::cerr << s.name << ": --out " << s.out_dir << ": cannot write there ("
              << (made ? made.message() : std::string("not a writable folder"))
              << "); give a folder you can write to\n";
    std::exit(2);
  }

  nd::random::seed(s.values.seed);

  s.sections.push_back({});  // the preamble: what is printed before any section
  s.original = std::cout.rdbuf();
  s.tee = std::make_unique<TeeBuf>(s.original, &s.sections.back().output);
  std::cout.rdbuf(s.tee.get());
  // A run with other settings than the book's says so first, on the terminal and
  // on the page (the chapters do not print it themselves).
  if (s.profile != "book") std::cout << profile_line() << "\n";

  // An error that nothing catches ends the run with its message and status 1,
  // after saving what the run printed, instead of std::terminate's abort.
  detail::guard_run(&s);
}

Chapter::~Chapter() {
  if (!state_) return;  // a moved-from Chapter has nothing to do
  detail::unguard_run(state_.get());
  state_->finish();
}

Chapter::Chapter(Chapter&&) noexcept = default;
Chapter& Chapter::operator=(Chapter&& other) noexcept {
  if (this != &other) {
    if (state_) state_->finish();  // saves the run being replaced
    detail::hand_over_guard(state_.get(), other.state_.get());
    state_ = std::move(other.state_);
  }
  return *this;
}

int Chapter::epochs() const { return state_->values.epochs; }
int Chapter::batch_size() const { return state_->values.batch_size; }
double Chapter::lr() const { return state_->values.lr; }
int64_t Chapter::num_train() const { return state_->values.num_train; }
int64_t Chapter::num_test() const { return state_->values.num_test; }
int Chapter::resize() const { return state_->values.resize; }
uint64_t Chapter::seed() const { return state_->values.seed; }
bool Chapter::quick() const { return state_->quick; }
const std::string& Chapter::profile() const { return state_->profile; }
std::string Chapter::profile_line() const {
  return detail::describe_profile(state_->profile, state_->values, state_->book,
                                  device());
}
const std::string& Chapter::out_dir() const { return state_->out_dir; }

std::string Chapter::path(const std::string& file) const {
  return (fs::path(state_->out_dir) / file).string();
}

Device Chapter::device() const {
  Device d = parse_device(state_->device_flag);
  if (d.type == DeviceType::gpu && d.id >= num_gpus()) {
    if (!state_->device_noted) {
      std::cout << "note: --device " << state_->device_flag
                << " asked for a GPU, running on cpu(0) instead (" << gpu_status()
                << ")\n";
      state_->device_noted = true;
    }
    return cpu();
  }
  return d;
}

void Chapter::section(const std::string& title) {
  State& s = *state_;
  std::cout.flush();
  // The title goes to the terminal only; the page shows the source's heading.
  std::ostream terminal(s.original);
  terminal << "\n── " << title << " ──\n";
  terminal.flush();
  s.sections.push_back({title, "", {}, {}});
  s.tee->capture_into(&s.sections.back().output);
  s.save();
}

void Chapter::figure(const std::string& file, const std::string& caption) {
  State& s = *state_;
  if (!fs::exists(fs::path(s.out_dir) / file)) {
    std::cerr << "d2l::Chapter::figure: " << file << " is not in " << s.out_dir
              << " (write it before registering it)\n";
  }
  s.sections.back().figures.push_back({file, caption});
}

void Chapter::table(const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows,
                    const std::string& caption) {
  State& s = *state_;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != header.size()) {
      throw d2l::Error("Chapter::table: row " + std::to_string(i) + " has " +
                       std::to_string(rows[i].size()) + " cells, the header " +
                       std::to_string(header.size()) +
                       "; give every row one cell per column");
    }
  }
  // The terminal sees it as text; the page as a table (not in the output block).
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  std::cout.flush();
  std::ostream terminal(s.original);
  if (!caption.empty()) terminal << caption << "\n";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      terminal << (c ? "  " : "") << cells[c];
      if (c + 1 < cells.size()) terminal << std::string(width[c] - cells[c].size(), ' ');
    }
    terminal << "\n";
  };
  line(header);
  for (const auto& row : rows) line(row);
  terminal.flush();
  s.sections.back().tables.push_back({header, rows, caption});
  s.save();
}

namespace {
// The helper writes these keys itself; a chapter's value would be lost.
const std::string& checked_key(const std::string& key) {
  if (key == "chapter" || key == "profile" || key == "seconds") {
    throw d2l::Error("Chapter::result: the key '" + key +
                     "' is reserved for the run's own record in results.json; "
                     "choose another name (e.g. 'epoch_" +
                     key + "')");
  }
  return key;
}
}  // namespace

void Chapter::result(const std::string& key, double value) {
  state_->results[checked_key(key)] = value;
}
void Chapter::result(const std::string& key, const std::string& value) {
  state_->results[checked_key(key)] = value;
}
void Chapter::result(const std::string& key, const std::vector<double>& values) {
  state_->results[checked_key(key)] = values;
}
void Chapter::result(const std::string& key, const NDArray& values) {
  state_->results[checked_key(key)] = {{"shape", values.shape()},
                                       {"values", values.to_vector()}};
}

}  // namespace d2l
