// Block::save_parameters / load_parameters: a .npz archive keyed by structural
// names (`0.weight`), checked in full before any parameter is assigned.
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

#include "core/error.hpp"
#include "d2l/gluon/block.hpp"
#include "d2l/serialize.hpp"
#include "d2l/utils/files.hpp"
#include "io/load.hpp"
#include "io/npy.hpp"
#include "io/zip.hpp"

namespace d2l::gluon {

namespace {

[[noreturn]] void io_error(const std::string& op, const std::string& path,
                           const std::string& what) {
  throw Error(op + ": " + path + ": " + what);
}

std::string names_of(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "none" : s;
}

// True when `value` fits `p`: the same number of axes, known axes equal.
bool fits(const Parameter& p, const Shape& value) {
  const Shape& s = p.shape();
  if (s.size() != value.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 0 && s[i] != value[i]) return false;
  }
  return true;
}

// The most bytes a .npy of `n` elements can take: its header (at most 64 KiB in
// format 1.0) and 8 bytes an element (float64 and int64 are the widest dtypes).
uint64_t max_npy_bytes(int64_t n) { return (uint64_t(1) << 16) + 16 + uint64_t(n) * 8; }

// NaN or infinity in saved parameters loads as it is (the file may record a
// diverged run on purpose), but a network that computes NaN should not surprise.
void warn_non_finite(const std::string& path,
                     const std::map<std::string, NDArray>& file) {
  std::string names;
  for (const auto& [name, x] : file) {
    int64_t bad = 0;
    for (float v : x.to_vector()) bad += !std::isfinite(v);
    if (bad == 0) continue;
    names += (names.empty() ? "" : ", ") + name + " (" + std::to_string(bad) + " of " +
             std::to_string(x.size()) + " values)";
  }
  if (names.empty()) return;
  std::cerr << "warning: load_parameters: " << path << ": NaN or infinite values in "
            << names
            << "; the network's outputs will be NaN. Was the file saved after "
               "training diverged (a learning rate too large)?\n";
}

}  // namespace

void Block::save_parameters(const std::string& path) const {
  io::ZipEntries entries;
  std::set<std::string> seen;
  for (const auto& [name, p] : structural_params()) {
    if (!seen.insert(name).second) continue;
    if (!p.is_initialized()) {
      io_error("save_parameters", path,
               "parameter '" + name + "' (" + p.name() + ", shape " +
                   shape_str(p.shape()) +
                   ") is not initialized yet; call initialize() and, if its shape "
                   "is deferred, run one forward pass before saving");
    }
    entries.emplace_back(name + ".npy", io::encode_npy(p.data()));
  }
  write_file_atomic(path, io::write_zip(entries));
}

void Block::load_parameters(const std::string& path,
                            const LoadParametersOptions& options) {
  const auto params = structural_params();
  const std::map<std::string, Parameter> by_name(params.begin(), params.end());
  std::vector<std::string> ours;
  for (const auto& [name, p] : params) ours.push_back(name);

  // Members are judged by name and claimed size before they are decompressed:
  // one the network has no use for is skipped or refused, and one larger than
  // its parameter could be is refused, so a lying header costs no memory.
  auto wanted = [&](const std::string& member, uint64_t size) {
    const std::string name =
        member.ends_with(".npy") ? member.substr(0, member.size() - 4) : member;
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      if (options.ignore_extra) return false;
      io_error("load_parameters", path,
               "the file's parameter '" + name +
                   "' is not in the network, whose parameters are: " + names_of(ours) +
                   ". Pass {.ignore_extra = true} to skip it.");
    }
    const Parameter& p = it->second;
    if (p.is_initialized() && size > max_npy_bytes(p.data().size())) {
      io_error("load_parameters", path,
               "parameter '" + name + "' takes " + std::to_string(size) +
                   " bytes in the file, more than a .npy of the network's shape " +
                   shape_str(p.shape()) +
                   " can; was the file saved from another "
                   "network, or is it corrupt?");
    }
    return true;
  };
  const std::map<std::string, NDArray> file = io::load_file(path, wanted).dict();
  std::vector<std::string> theirs;
  for (const auto& [name, x] : file) theirs.push_back(name);

  // Check everything first, so that a bad file leaves the network unchanged.
  std::vector<std::pair<Parameter, NDArray>> assign;
  for (const auto& [name, p] : params) {
    auto it = file.find(name);
    if (it == file.end()) {
      if (options.allow_missing) continue;
      io_error("load_parameters", path,
               "the network's parameter '" + name + "' (" + p.name() + ", shape " +
                   shape_str(p.shape()) +
                   ") is not in the file, which holds: " + names_of(theirs) +
                   ". Pass {.allow_missing = true} to keep its current value.");
    }
    if (!fits(p, it->second.shape())) {
      io_error(
          "load_parameters", path,
          "parameter '" + name + "' (" + p.name() + ") has shape " +
              shape_str(it->second.shape()) + " in the file, but the network's " +
              "has shape " + shape_str(p.shape()) +
              (p.is_initialized() ? ""
                                  : " (0: a size the first forward pass would infer)") +
              "; was the file saved from another network?");
    }
    assign.emplace_back(p, it->second);
  }
  warn_non_finite(path, file);
  for (auto& [p, x] : assign) p.set_data(x);
}

}  // namespace d2l::gluon
