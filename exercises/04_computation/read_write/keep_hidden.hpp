// Exercise 2: keep only the hidden. entries of a saved MLP and load them with
// allow_missing.
#pragma once
#include <memory>
#include <string>

#include "d2l/d2l.hpp"

/// The section's MLP: hidden (Dense(256, "relu")) then output (Dense(10)); its
/// structural parameter names are hidden.weight, hidden.bias, output.weight
/// and output.bias.
class KeepHiddenMLP : public d2l::gluon::Block {
 public:
  KeepHiddenMLP() {
    hidden = register_child(std::make_shared<d2l::nn::Dense>(256, "relu"), "hidden");
    output = register_child(std::make_shared<d2l::nn::Dense>(10), "output");
  }
  d2l::NDArray forward(const d2l::NDArray& x) override { return (*output)((*hidden)(x)); }
  std::shared_ptr<d2l::nn::Dense> hidden, output;
};

/// Reads the parameter file `in_path` (written by save_parameters) and writes
/// to `out_path` a file with only its entries whose names start with "hidden.".
void keep_hidden_entries(const std::string& in_path, const std::string& out_path);

/// Loads the file `path` (hidden entries only) into the fresh network `net`
/// with {.allow_missing = true} and initializes what the file lacks (the output
/// layer), so that net(X) works afterwards.
void load_hidden_into(KeepHiddenMLP& net, const std::string& path);
