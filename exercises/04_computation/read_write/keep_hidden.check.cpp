// The check of keep_hidden: the filtered file's keys and values, then a fresh
// MLP loaded from it: the hidden layer equal to the saved one, the output layer
// initialized on its own, and a forward pass that works.
#include "keep_hidden.hpp"

#include <unistd.h>

#include <filesystem>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("keep_hidden-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string full = (dir / "mlp.npz").string(),
                    part = (dir / "hidden.npz").string();
  int status = exercise::run(
      "keep_hidden", "04_computation/read_write/keep_hidden.cpp",
      [&](exercise::Checks& check) {
        KeepHiddenMLP net;
        net.initialize();
        NDArray X = nd::random::uniform(0, 1, {2, 20});
        net(X);
        net.save_parameters(full);
        keep_hidden_entries(full, part);
        check.that(fs::exists(part), "keep_hidden_entries wrote the output file",
                   "nd::save(out_path, the filtered map)");
        if (!fs::exists(part)) return;
        auto kept = nd::load_dict(part);
        std::string keys;
        for (const auto& [name, value] : kept) keys += " " + name;
        check.that(kept.size() == 2 && kept.contains("hidden.weight") &&
                       kept.contains("hidden.bias"),
                   "the file holds exactly hidden.weight and hidden.bias",
                   "it holds:" + keys +
                       "; erase every entry whose name does not start "
                       "with \"hidden.\"");
        if (kept.contains("hidden.weight"))
          check.close(kept.at("hidden.weight"), net.hidden->weight.data(),
                      "its hidden.weight is the saved network's",
                      "copy the entries as they are");
        KeepHiddenMLP fresh;
        load_hidden_into(fresh, part);
        NDArray Y = fresh(X);
        check.that(Y.shape() == Shape{2, 10}, "the fresh MLP runs on a (2, 20) batch",
                   "got " + shape_str(Y.shape()));
        check.close(fresh.hidden->weight.data(), net.hidden->weight.data(),
                    "the fresh MLP's hidden weight equals the saved one",
                    "load with {.allow_missing = true} before initialize(); a "
                    "force_reinit would overwrite the loaded values");
        check.close(fresh.hidden->bias.data(), net.hidden->bias.data(),
                    "the fresh MLP's hidden bias equals the saved one");
        check.that(nd::abs(fresh.output->weight.data() - net.output->weight.data())
                           .max()
                           .asscalar() > 0,
                   "its output weight was initialized afresh, not taken from the file",
                   "the file must not contain output.* entries");
      });
  fs::remove_all(dir);
  return status;
}
