// Which run profile a chapter's program uses, and the line that tells the
// reader. See "Profiles" in d2l/chapter.hpp.
#pragma once

#include <string>

#include "d2l/chapter.hpp"
#include "d2l/device.hpp"

namespace d2l::detail {

// The flags that were given on the command line: a profile never overrides them.
struct GivenFlags {
  bool epochs = false, batch_size = false, num_train = false, num_test = false,
       resize = false;
};

// "book", "cpu" or "quick" for the --profile value (auto, book, cpu, quick),
// --quick and the device the run will use.
std::string choose_profile(const std::string& requested, bool quick_flag,
                           const ChapterDefaults& defaults, Device device);

// The book's settings with the named profile laid over them, flags given kept.
void apply_profile(const std::string& profile, const ChapterDefaults& book,
                   const GivenFlags& given, ChapterDefaults& values);

// Refuses flag values no run can use (--epochs 0, --lr nan, ...), naming the flag
// and what it takes, as a d2l::Error.
void check_flags(const ChapterDefaults& values);

// "profile cpu: device cpu(0), 64x64 images, ..." (see Chapter::profile_line).
std::string describe_profile(const std::string& profile, const ChapterDefaults& values,
                             const ChapterDefaults& book, Device device);

}  // namespace d2l::detail
