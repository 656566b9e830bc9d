// The reference answer to keep_hidden.cpp.
#include "keep_hidden.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

void keep_hidden_entries(const std::string& in_path, const std::string& out_path) {
  auto params = nd::load_dict(in_path);
  std::erase_if(params,
                [](const auto& entry) { return !entry.first.starts_with("hidden."); });
  nd::save(out_path, params);
}

void load_hidden_into(KeepHiddenMLP& net, const std::string& path) {
  net.load_parameters(path, {.allow_missing = true});
  net.output->initialize();  // the file had nothing for the output layer
}
