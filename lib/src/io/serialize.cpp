// nd::save / nd::load: .npy for one array, .npz (a ZIP of .npy) for several.
#include "d2l/serialize.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "d2l/error.hpp"
#include "d2l/utils/files.hpp"
#include "io/load.hpp"
#include "io/npy.hpp"
#include "io/zip.hpp"

namespace d2l::nd {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw d2l::Error("nd::load: cannot open " + path +
                     " (does it exist, and is it readable?)");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool is_list_name(const std::string& name, size_t i) {
  return name == "arr_" + std::to_string(i);
}

}  // namespace

void save(const std::string& path, const NDArray& x) {
  write_file_atomic(path, io::encode_npy(x));
}

void save(const std::string& path, const std::vector<NDArray>& arrays) {
  io::ZipEntries entries;
  for (size_t i = 0; i < arrays.size(); ++i) {
    entries.emplace_back("arr_" + std::to_string(i) + ".npy", io::encode_npy(arrays[i]));
  }
  write_file_atomic(path, io::write_zip(entries));
}

void save(const std::string& path, const std::map<std::string, NDArray>& arrays) {
  io::ZipEntries entries;
  for (const auto& [name, x] : arrays) {
    if (name.empty()) throw d2l::Error("nd::save: an array name is empty");
    entries.emplace_back(name + ".npy", io::encode_npy(x));
  }
  write_file_atomic(path, io::write_zip(entries));
}

}  // namespace d2l::nd

namespace d2l::io {

nd::Loaded load_file(const std::string& path, const ZipMemberFilter& filter) {
  const std::string bytes = nd::read_file(path);
  nd::Loaded out;
  out.path = path;
  if (bytes.rfind("PK", 0) == 0) {
    out.is_archive = true;
    for (auto& [name, data] : read_zip(bytes, path, filter)) {
      std::string key = name;
      if (key.size() > 4 && key.ends_with(".npy")) key.resize(key.size() - 4);
      out.entries.emplace_back(key, decode_npy(data, path + " (entry " + name + ")"));
    }
  } else if (bytes.rfind("\x93NUMPY", 0) == 0) {
    out.entries.emplace_back("", decode_npy(bytes, path));
  } else {
    throw d2l::Error(
        "nd::load: " + path +
        " is neither a .npy array nor a .npz archive (it starts "
        "with neither \\x93NUMPY nor PK); it may be empty, truncated or of another "
        "format");
  }
  return out;
}

}  // namespace d2l::io

namespace d2l::nd {

Loaded load(const std::string& path) { return io::load_file(path, {}); }

NDArray Loaded::array() const {
  if (is_archive || entries.size() != 1) {
    throw d2l::Error("nd::Loaded::array: " + path + " is a .npz archive of " +
                     std::to_string(entries.size()) + " arrays; use list() or dict()");
  }
  return entries[0].second;
}

std::vector<NDArray> Loaded::list() const {
  if (!is_archive) return {entries.at(0).second};
  std::vector<NDArray> out(entries.size());
  std::vector<bool> seen(entries.size());
  for (const auto& [name, x] : entries) {
    size_t i = 0;
    while (i < entries.size() && !is_list_name(name, i)) ++i;
    if (i == entries.size() || seen[i]) {
      throw d2l::Error("nd::Loaded::list: " + path + ": entry '" + name +
                       "' is not a list entry (arr_0 ... arr_" +
                       std::to_string(entries.size() - 1) +
                       "); this archive holds a dict, use dict()");
    }
    seen[i] = true;
    out[i] = x;
  }
  return out;
}

std::map<std::string, NDArray> Loaded::dict() const {
  if (!is_archive) {
    throw d2l::Error("nd::Loaded::dict: " + path +
                     " holds one array (.npy); use array()");
  }
  return {entries.begin(), entries.end()};
}

NDArray load_array(const std::string& path) { return load(path).array(); }
std::vector<NDArray> load_list(const std::string& path) { return load(path).list(); }
std::map<std::string, NDArray> load_dict(const std::string& path) {
  return load(path).dict();
}

}  // namespace d2l::nd
