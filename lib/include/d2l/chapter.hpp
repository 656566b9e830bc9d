#pragma once
/// @file chapter.hpp
/// The helper every section's program uses: common flags, section markers,
/// figures and results.json.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "d2l/device.hpp"
#include "d2l/ndarray.hpp"

namespace d2l {

/// A smaller run than the book's settings, for a CPU or for the tests. A field
/// left unset keeps the book's value.
struct RunProfile {
  /// Epochs to train.
  std::optional<int> epochs;
  /// Examples per minibatch.
  std::optional<int> batch_size;
  std::optional<int64_t> num_train;  ///< 0: the whole training set
  std::optional<int64_t> num_test;   ///< 0: the whole test set
  std::optional<int> resize;         ///< 0: the original image size
  /// True when the profile changes nothing.
  bool empty() const {
    return !epochs && !batch_size && !num_train && !num_test && !resize;
  }
};

/// A chapter's defaults for the common flags: the book's hyperparameters, and
/// the profiles that shrink them.
struct ChapterDefaults {
  /// Epochs to train (`--epochs`).
  int epochs = 1;
  /// Examples per minibatch (`--batch-size`).
  int batch_size = 256;
  /// Learning rate (`--lr`).
  double lr = 0.1;
  int64_t num_train = 0;  ///< examples to train on; 0 means the whole set
  int resize = 0;         ///< image side after resizing; 0 keeps the original
  uint64_t seed = 0;      ///< global random seed (nd::random::seed)
  int64_t num_test = 0;   ///< examples to test on; 0 means the whole set
  /// What runs on a machine without a GPU unless `--profile book` is given
  /// (empty: the book's settings run everywhere).
  RunProfile cpu = {};
  /// What runs with `--quick` (empty: the book's settings; the program may
  /// still shrink its run itself when quick() is true).
  RunProfile quick = {};
};

/// Owns one run of a section's program. Construct it first in main():
///
///     auto chapter = Chapter(argc, argv, {.epochs = 10, .batch_size = 256, .lr = 0.1});
///
/// It parses `--epochs --batch-size --lr --num-train --num-test --resize
/// --device --seed --profile --quick --out DIR` (defaults from the chapter),
/// seeds the generator, and writes into the output folder (default
/// `out/<program name>`):
/// - `sections.json`: for each `section()`, its title, the text printed to
///   std::cout while it ran, and the figures and tables it registered; rewritten
///   after each section so that a crash loses nothing already printed;
/// - `results.json`: the values given to `result()`, read by the tests.
///
/// Profiles: `book` is the chapter's defaults; `cpu` is ChapterDefaults::cpu
/// laid over them, chosen by default when the device is a CPU and the chapter
/// has one; `quick` (`--quick`, or `--profile quick`) is ChapterDefaults::quick
/// laid over them. A flag given on the command line beats every profile.
class Chapter {
 public:
  /// Parses the flags, seeds the generator and creates the output folder.
  Chapter(int argc, char** argv, ChapterDefaults defaults = {});
  /// Saves sections.json and results.json a last time.
  ~Chapter();
  Chapter(const Chapter&) = delete;
  Chapter& operator=(const Chapter&) = delete;
  /// Moves the run (flags, sections, results) into a new object.
  Chapter(Chapter&&) noexcept;
  /// Moves another run into this object.
  Chapter& operator=(Chapter&&) noexcept;

  /// Epochs to train, after flags and profile.
  int epochs() const;
  /// Examples per minibatch.
  int batch_size() const;
  /// The learning rate.
  double lr() const;
  /// Training examples to use; 0: the whole set.
  int64_t num_train() const;
  /// Test examples to use; 0: the whole set.
  int64_t num_test() const;
  /// Image side after resizing; 0: the original size.
  int resize() const;
  /// The seed given to nd::random::seed at construction.
  uint64_t seed() const;
  /// True with `--quick` (or `--profile quick`): ChapterDefaults::quick applies.
  bool quick() const;
  /// The profile that set epochs(), num_train(), num_test() and resize():
  /// "book", "cpu" or "quick".
  const std::string& profile() const;
  /// One line that says which profile ran and with what, next to the book's
  /// settings when they differ. The constructor prints it first when the
  /// profile is not `book`:
  /// `profile cpu: device cpu(0), 64x64 images, 10000 training and 2000 test
  /// examples, 3 epochs, batch 128, lr 0.01 (the book: 224x224 images, all
  /// examples, 5 epochs, on a GPU: --profile book)`; for `quick`, only what it
  /// changed: `profile quick (for the tests): 2 epochs instead of 5`.
  std::string profile_line() const;
  /// The device from `--device cpu|gpu|gpu:N` (gpu falls back to cpu, loudly,
  /// where there is none).
  Device device() const;
  /// The output folder (created on construction).
  const std::string& out_dir() const;
  /// `out_dir()/file`: where to write a figure or data file.
  std::string path(const std::string& file) const;

  /// Starts a section of the page: prints its title, and attributes what is
  /// printed until the next section to it. `title` matches the `//! ## title`
  /// heading in the source.
  void section(const std::string& title);
  /// Registers a figure (a file already written into out_dir()) with the
  /// current section, so the page shows it after the section's code.
  void figure(const std::string& file, const std::string& caption = "");
  /// Registers a table with the current section: the page shows it after the
  /// section's output, before its figures, and the terminal sees it as aligned
  /// text. Every row has as many cells as `header`; a row of another length is
  /// an error that names it.
  void table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows,
             const std::string& caption = "");

  /// Records a value in results.json (written at the end, and after each section).
  void result(const std::string& key, double value);
  /// Records a string in results.json.
  void result(const std::string& key, const std::string& value);
  /// Records a list of numbers in results.json.
  void result(const std::string& key, const std::vector<double>& values);
  /// An array's shape and values.
  void result(const std::string& key, const NDArray& values);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace d2l
