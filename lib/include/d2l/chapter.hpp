#pragma once
/// @file chapter.hpp
/// The helper every section's program uses: common flags, section markers,
/// figures and results.json.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "d2l/device.hpp"
#include "d2l/ndarray.hpp"

namespace d2l {

/// A chapter's defaults for the common flags: the book's hyperparameters.
struct ChapterDefaults {
  int epochs = 1;
  int batch_size = 256;
  double lr = 0.1;
  int64_t num_train = 0;  ///< examples to train on; 0 means the whole set
  int resize = 0;         ///< image side after resizing; 0 keeps the original
  uint64_t seed = 0;      ///< global random seed (nd::random::seed)
};

/// Owns one run of a section's program. Construct it first in main():
///
///     auto chapter = Chapter(argc, argv, {.epochs = 10, .batch_size = 256, .lr = 0.1});
///
/// It parses `--epochs --batch-size --lr --num-train --resize --device --seed
/// --quick --out DIR` (defaults from the chapter), seeds the generator, and
/// writes into the output folder (default `out/<program name>`):
/// - `sections.json`: for each `section()`, its title, the text printed to
///   std::cout while it ran, and the figures it registered; rewritten after each
///   section so that a crash loses nothing already printed;
/// - `results.json`: the values given to `result()`, read by the tests.
class Chapter {
 public:
  Chapter(int argc, char** argv, ChapterDefaults defaults = {});
  ~Chapter();
  Chapter(const Chapter&) = delete;
  Chapter& operator=(const Chapter&) = delete;
  Chapter(Chapter&&) noexcept;
  Chapter& operator=(Chapter&&) noexcept;

  int epochs() const;
  int batch_size() const;
  double lr() const;
  int64_t num_train() const;
  int resize() const;
  uint64_t seed() const;
  /// True with `--quick`: the program shrinks its run so tests finish fast.
  bool quick() const;
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

  /// Records a value in results.json (written at the end, and after each section).
  void result(const std::string& key, double value);
  void result(const std::string& key, const std::string& value);
  void result(const std::string& key, const std::vector<double>& values);
  /// An array's shape and values.
  void result(const std::string& key, const NDArray& values);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace d2l
