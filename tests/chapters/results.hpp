#pragma once
// Reading a chapter's results.json in the chapter checks.
//
// A chapter records values with `chapter.result(key, value)`; a run with
// `--out $D2L_TEST_OUT/<name>` writes them to `$D2L_TEST_OUT/<name>/results.json`.
// These helpers load that file once per chapter and read numbers, lists and arrays
// from it, with error messages that say what is missing and how to produce it.

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace chapter_test {

using json = nlohmann::json;

/// The parsed `$D2L_TEST_OUT/<name>/results.json` (loaded once, then cached).
inline const json& results(const std::string& name) {
  static std::map<std::string, json> cache;
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  const char* root = std::getenv("D2L_TEST_OUT");
  if (root == nullptr || *root == '\0') {
    throw std::runtime_error(
        "D2L_TEST_OUT is not set: it must name the folder holding <chapter>/results.json."
        " Run the checks through CTest (ctest -L chapter), or run `" +
        name + " --quick --out DIR/" + name + "` and set D2L_TEST_OUT=DIR.");
  }
  std::string path = std::string(root) + "/" + name + "/results.json";
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot open " + path + ": run the chapter first (`" + name +
                             " --quick --out " + root + "/" + name + "`).");
  }
  json j;
  try {
    in >> j;
  } catch (const std::exception& e) {
    throw std::runtime_error(path + " is not valid JSON: " + e.what());
  }
  return cache.emplace(name, std::move(j)).first->second;
}

/// The entry `key` of a chapter's results, or a clear error naming both.
inline const json& entry(const std::string& name, const std::string& key) {
  const json& r = results(name);
  if (!r.is_object() || !r.contains(key)) {
    throw std::runtime_error("results.json of chapter '" + name + "' has no entry '" +
                             key + "'");
  }
  return r.at(key);
}

namespace detail {
inline void flatten(const json& j, std::vector<double>& out) {
  if (j.is_number()) {
    out.push_back(j.get<double>());
  } else if (j.is_boolean()) {
    out.push_back(j.get<bool>() ? 1.0 : 0.0);
  } else if (j.is_array()) {
    for (const auto& e : j) flatten(e, out);
  } else if (j.is_object()) {
    for (const char* k : {"values", "data", "value"}) {
      if (j.contains(k)) return flatten(j.at(k), out);
    }
    throw std::runtime_error("an array entry without 'values': " + j.dump());
  } else {
    throw std::runtime_error("not a number or list of numbers: " + j.dump());
  }
}
}  // namespace detail

/// All values of an entry, row-major: a number, a list (nested or not), or an
/// array recorded as {"shape": [...], "values": [...]}.
inline std::vector<double> values(const std::string& name, const std::string& key) {
  std::vector<double> out;
  detail::flatten(entry(name, key), out);
  return out;
}

/// A single number.
inline double scalar(const std::string& name, const std::string& key) {
  auto v = values(name, key);
  if (v.size() != 1) {
    throw std::runtime_error("entry '" + key + "' of chapter '" + name + "' holds " +
                             std::to_string(v.size()) + " values, not one");
  }
  return v[0];
}

/// The shape of an array entry ({"shape": [...]}), or of a nested list.
inline std::vector<int64_t> shape(const std::string& name, const std::string& key) {
  const json& j = entry(name, key);
  if (j.is_object() && j.contains("shape")) {
    return j.at("shape").get<std::vector<int64_t>>();
  }
  std::vector<int64_t> s;
  const json* cur = &j;
  while (cur->is_array()) {
    s.push_back(static_cast<int64_t>(cur->size()));
    if (cur->empty()) break;
    cur = &cur->at(0);
  }
  return s;
}

}  // namespace chapter_test
