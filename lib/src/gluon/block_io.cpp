// Block::save_parameters / load_parameters: a .npz archive keyed by structural
// names (`0.weight`), checked in full before any parameter is assigned.
#include <map>
#include <set>
#include <stdexcept>

#include "core/error.hpp"
#include "d2l/gluon/block.hpp"
#include "d2l/serialize.hpp"
#include "d2l/utils/files.hpp"
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
  const std::map<std::string, NDArray> file = nd::load_dict(path);
  const auto params = structural_params();
  std::vector<std::string> ours;
  for (const auto& [name, p] : params) ours.push_back(name);
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
  if (!options.ignore_extra) {
    for (const auto& [name, x] : file) {
      bool known = false;
      for (const auto& n : ours) known = known || n == name;
      if (!known) {
        io_error("load_parameters", path,
                 "the file's parameter '" + name + "' (shape " + shape_str(x.shape()) +
                     ") is not in the network, whose parameters are: " + names_of(ours) +
                     ". Pass {.ignore_extra = true} to skip it.");
      }
    }
  }
  for (auto& [p, x] : assign) p.set_data(x);
}

}  // namespace d2l::gluon
