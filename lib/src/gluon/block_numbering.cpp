// Block::number_in_order: the layers made as the arguments of one call
// (`net.add(nn::Dense(8), nn::Dense(4))`) get the numbers they would have had
// if the arguments had been evaluated left to right.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "d2l/gluon/block.hpp"

namespace d2l::gluon {

namespace {

// "dense12_" with alias "dense" -> 12; -1 when `prefix` is not of that form.
int number_of(const std::string& prefix, const std::string& alias) {
  if (prefix.size() < alias.size() + 2 || prefix.rfind(alias, 0) != 0 ||
      prefix.back() != '_') {
    return -1;
  }
  const std::string digits =
      prefix.substr(alias.size(), prefix.size() - alias.size() - 1);
  if (digits.size() > 9 ||  // past int: not a number this counter gave out
      !std::all_of(digits.begin(), digits.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return -1;
  }
  return std::stoi(digits);
}

}  // namespace

void Block::number_in_order(const std::vector<Block*>& made_in_call) {
  struct Entry {
    Block* block;
    size_t arg;
    int number;
  };
  std::map<std::string, std::vector<Entry>> by_alias;
  std::set<const Block*> seen;
  for (size_t arg = 0; arg < made_in_call.size(); ++arg) {
    // The argument and what it made in its constructor (made after it, so with
    // a larger serial); a child made before the call keeps its name.
    const uint64_t since = made_in_call[arg]->serial_;
    std::vector<Block*> todo{made_in_call[arg]};
    while (!todo.empty()) {
      Block* b = todo.back();
      todo.pop_back();
      for (auto it = b->children_.rbegin(); it != b->children_.rend(); ++it) {
        todo.push_back(it->second.get());
      }
      if (b->serial_ < since || b->prefix_.empty() || !seen.insert(b).second) continue;
      const std::string alias = b->alias();
      const int n = number_of(b->prefix_, alias);
      if (n >= 0) by_alias[alias].push_back({b, arg, n});
    }
  }
  // Who gets which name; applied after, since two blocks may swap names.
  std::vector<std::pair<Block*, std::string>> renames;
  for (auto& [alias, entries] : by_alias) {
    std::vector<int> numbers;
    for (const auto& e : entries) numbers.push_back(e.number);
    std::sort(numbers.begin(), numbers.end());
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.arg != b.arg ? a.arg < b.arg : a.number < b.number;
    });
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].number != numbers[i]) {
        renames.emplace_back(entries[i].block, alias + std::to_string(numbers[i]) + "_");
      }
    }
  }
  std::vector<std::pair<Parameter, std::string>> new_names;
  std::map<std::string, std::string> new_prefix;  // old -> new
  for (const auto& [b, prefix] : renames) {
    new_prefix[b->prefix_] = prefix;
    for (const auto& p : b->params_) {
      // Only its own parameters: shared ones carry another block's prefix.
      if (p.name().rfind(b->prefix_, 0) == 0) {
        new_names.emplace_back(p, prefix + p.name().substr(b->prefix_.size()));
      }
    }
  }
  for (auto& [p, name] : new_names) p.rename(name);
  auto retitled = [&](const ParameterDict& d) {
    ParameterDict out(new_prefix.count(d.prefix()) ? new_prefix[d.prefix()] : d.prefix());
    out.update(d);
    return out;
  };
  for (const Block* seen_block : seen) {
    auto* b = const_cast<Block*>(seen_block);
    if (new_prefix.count(b->prefix_)) b->prefix_ = new_prefix[b->prefix_];
    b->params_ = retitled(b->params_);
    if (!b->shared_.empty()) b->shared_ = retitled(b->shared_);
  }
}

}  // namespace d2l::gluon
