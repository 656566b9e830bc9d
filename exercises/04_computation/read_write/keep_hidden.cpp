// Exercise 2 of "File I/O": reuse part of a trained network. Filter the saved
// dictionary of an MLP down to its "hidden." entries (nd::load_dict, erase the
// rest, nd::save), then load that file into a new MLP, allowing the output
// layer's parameters to be missing, and initialize those.
//
// Check it: bash scripts/exercise.sh keep_hidden
#include "keep_hidden.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

void keep_hidden_entries(const std::string& in_path, const std::string& out_path) {
  exercise::todo("keep_hidden_entries");  // your answer here: replace this line
}

void load_hidden_into(KeepHiddenMLP& net, const std::string& path) {
  exercise::todo("load_hidden_into");  // your answer here: replace this line
}
