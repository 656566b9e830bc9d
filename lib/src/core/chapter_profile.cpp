// Run profiles: the book's settings, a smaller CPU run and the tests' quick run.
#include "core/chapter_profile.hpp"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "d2l/error.hpp"

namespace d2l::detail {

namespace {

std::string images(int resize) {
  const int side = resize > 0 ? resize : 28;  // Fashion-MNIST's own size
  return std::to_string(side) + "x" + std::to_string(side) + " images";
}

std::string examples(int64_t n, const char* which) {
  return (n > 0 ? std::to_string(n) : std::string("all")) + " " + which;
}

}  // namespace

std::string choose_profile(const std::string& requested, bool quick_flag,
                           const ChapterDefaults& defaults, Device device) {
  if (requested != "auto" && requested != "book" && requested != "cpu" &&
      requested != "quick") {
    throw d2l::Error("--profile: expected auto, book, cpu or quick, got '" + requested +
                     "'");
  }
  if (quick_flag || requested == "quick") return "quick";
  if (requested == "book" || defaults.cpu.empty()) return "book";
  if (requested == "cpu") return "cpu";
  return device.type == DeviceType::cpu ? "cpu" : "book";
}

void apply_profile(const std::string& profile, const ChapterDefaults& book,
                   const GivenFlags& given, ChapterDefaults& values) {
  if (profile == "book") return;
  const RunProfile& p = profile == "cpu" ? book.cpu : book.quick;
  if (p.epochs && !given.epochs) values.epochs = *p.epochs;
  if (p.batch_size && !given.batch_size) values.batch_size = *p.batch_size;
  if (p.num_train && !given.num_train) values.num_train = *p.num_train;
  if (p.num_test && !given.num_test) values.num_test = *p.num_test;
  if (p.resize && !given.resize) values.resize = *p.resize;
}

namespace {

// "2 epochs instead of 5, 2000 test examples instead of all": what a quick run
// changed. Only the fields it changed, so that a chapter without images does not
// read about image sizes.
std::string quick_changes(const ChapterDefaults& values, const ChapterDefaults& book) {
  std::vector<std::string> parts;
  auto count = [](int64_t n) { return n > 0 ? std::to_string(n) : std::string("all"); };
  if (values.epochs != book.epochs)
    parts.push_back(std::to_string(values.epochs) +
                    (values.epochs == 1 ? " epoch" : " epochs") + " instead of " +
                    std::to_string(book.epochs));
  if (values.batch_size != book.batch_size)
    parts.push_back("batch " + std::to_string(values.batch_size) + " instead of " +
                    std::to_string(book.batch_size));
  if (values.num_train != book.num_train)
    parts.push_back(count(values.num_train) + " training examples instead of " +
                    count(book.num_train));
  if (values.num_test != book.num_test)
    parts.push_back(count(values.num_test) + " test examples instead of " +
                    count(book.num_test));
  if (values.resize != book.resize)
    parts.push_back(images(values.resize) + " instead of " + images(book.resize));
  if (parts.empty()) return "the book's settings, which run in seconds";
  std::string text = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) text += ", " + parts[i];
  return text;
}

}  // namespace

void check_flags(const ChapterDefaults& v) {
  auto refuse = [](const std::string& what) { throw d2l::Error(what); };
  if (v.epochs < 1) refuse("--epochs " + std::to_string(v.epochs) + ": give 1 or more");
  if (v.batch_size < 1)
    refuse("--batch-size " + std::to_string(v.batch_size) + ": give 1 or more");
  if (!std::isfinite(v.lr) || v.lr < 0)
    refuse("--lr " + std::to_string(v.lr) + ": give a finite number, 0 or more");
  if (v.num_train < 0)
    refuse("--num-train " + std::to_string(v.num_train) +
           ": give 0 (the whole set) or a count of examples");
  if (v.num_test < 0)
    refuse("--num-test " + std::to_string(v.num_test) +
           ": give 0 (the whole set) or a count of examples");
  if (v.resize < 0 || v.resize > 4096)
    refuse("--resize " + std::to_string(v.resize) +
           ": give 0 (keep the size) or a side from 1 to 4096 pixels");
}

std::string describe_profile(const std::string& profile, const ChapterDefaults& values,
                             const ChapterDefaults& book, Device device) {
  if (profile == "quick")
    return "profile quick (for the tests): " + quick_changes(values, book);
  std::ostringstream os;
  os << "profile " << profile << ": device " << device.str() << ", "
     << images(values.resize) << ", " << examples(values.num_train, "training") << " and "
     << examples(values.num_test, "test") << " examples, " << values.epochs
     << (values.epochs == 1 ? " epoch" : " epochs") << ", batch " << values.batch_size
     << ", lr " << values.lr;
  const bool same = values.resize == book.resize && values.num_train == book.num_train &&
                    values.num_test == book.num_test && values.epochs == book.epochs &&
                    values.batch_size == book.batch_size;
  if (!same) {
    os << " (the book: " << images(book.resize) << ", "
       << (book.num_train == 0 && book.num_test == 0
               ? std::string("all examples")
               : examples(book.num_train, "training"))
       << ", " << book.epochs << " epochs, batch " << book.batch_size;
    if (profile == "cpu") os << "; run it with --profile book";
    os << ")";
  }
  return os.str();
}

}  // namespace d2l::detail
