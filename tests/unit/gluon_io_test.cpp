// save_parameters / load_parameters: structural names, a trained MLP loaded
// into a fresh instance gives bit-identical outputs, and missing, extra,
// misshapen or corrupt files are errors that leave the network unchanged.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "d2l/d2l.hpp"

using namespace d2l;
namespace fs = std::filesystem;

namespace {

class MLP : public gluon::Block {
 public:
  explicit MLP(int64_t hidden = 16) {
    hidden_ = register_child(std::make_shared<nn::Dense>(hidden, "relu"), "hidden");
    output_ = register_child(std::make_shared<nn::Dense>(3), "output");
  }
  NDArray forward(const NDArray& x) override { return (*output_)((*hidden_)(x)); }

 private:
  std::shared_ptr<nn::Dense> hidden_, output_;
};

std::string scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / "d2l_gluon_io";
  fs::create_directories(dir);
  fs::remove(dir / name);
  return (dir / name).string();
}

std::vector<std::vector<float>> snapshot(const gluon::Block& net) {
  std::vector<std::vector<float>> out;
  for (const auto& p : net.collect_params()) out.push_back(p.data().to_vector());
  return out;
}

gluon::Parameter param(const gluon::Block& net, const std::string& name) {
  for (const auto& [n, p] : net.structural_params()) {
    if (n == name) return p;
  }
  FAIL("no parameter " << name);
  return {};
}

}  // namespace

TEST_CASE("structural names follow the child names, not the global counters",
          "[gluon][io]") {
  nn::Sequential a;
  a.add(nn::Dense(4)).add(MLP());
  nn::Sequential b;  // made later: its layers are dense3_, dense4_, ...
  b.add(nn::Dense(4)).add(MLP());
  std::vector<std::string> names;
  for (const auto& [name, p] : b.structural_params()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"0.weight", "0.bias", "1.hidden.weight",
                                          "1.hidden.bias", "1.output.weight",
                                          "1.output.bias"});
  CHECK(a.structural_params()[0].second.name() != b.structural_params()[0].second.name());
}

TEST_CASE("a trained MLP saved and loaded into a fresh instance gives identical outputs",
          "[gluon][io]") {
  const std::string path = scratch("mlp.npz");
  NDArray x = nd::random::normal(0, 1, {8, 5});
  NDArray y = nd::random::normal(0, 1, {8, 3});
  MLP net;
  net.initialize(init::Xavier());
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = 0.1f});
  gluon::loss::L2Loss l2;
  for (int i = 0; i < 5; ++i) {
    NDArray l;
    {
      autograd::record rec;
      l = l2(net(x), y);
    }
    l.backward();
    trainer.step(8);
  }
  net.save_parameters(path);
  const std::vector<float> expected = net(x).to_vector();

  MLP fresh;  // uninitialized: the file gives the shapes and values
  fresh.load_parameters(path);
  CHECK(fresh(x).to_vector() == expected);  // bit for bit
  MLP initialized;
  initialized.initialize();
  initialized(x);
  initialized.load_parameters(path);
  CHECK(initialized(x).to_vector() == expected);
  // The file is a plain .npz with those names.
  auto dict = nd::load_dict(path);
  CHECK(dict.size() == 4);
  CHECK(dict.at("hidden.weight").shape() == Shape{16, 5});
  CHECK(dict.at("output.bias").shape() == Shape{3});
}

TEST_CASE("saving before deferred shapes are known is an error", "[gluon][io]") {
  MLP net;
  net.initialize();
  CHECK_THROWS_WITH(net.save_parameters(scratch("early.npz")),
                    Catch::Contains("early.npz") && Catch::Contains("hidden.weight") &&
                        Catch::Contains("forward"));
  CHECK_FALSE(fs::exists(scratch("early.npz")));
}

TEST_CASE("missing, extra and misshapen parameters are errors naming them",
          "[gluon][io]") {
  const std::string path = scratch("small.npz");
  MLP small(16);
  small.initialize();
  small(nd::ones({1, 5}));
  small.save_parameters(path);

  MLP other(16);
  other.initialize(init::Constant(3));
  other(nd::ones({1, 5}));
  const auto before = snapshot(other);

  // Missing: a file holding only some of the parameters.
  const std::string partial = scratch("partial.npz");
  auto dict = nd::load_dict(path);
  dict.erase("output.bias");
  nd::save(partial, dict);
  CHECK_THROWS_WITH(other.load_parameters(partial), Catch::Contains("partial.npz") &&
                                                        Catch::Contains("output.bias") &&
                                                        Catch::Contains("allow_missing"));
  CHECK(snapshot(other) == before);
  other.load_parameters(partial, {.allow_missing = true});
  // Dense biases start at zero (their own init), and the file did not touch it.
  CHECK(param(other, "output.bias").data().max().asscalar() == 0);
  CHECK(param(other, "output.weight").data().to_vector() ==
        param(small, "output.weight").data().to_vector());

  // Extra: a parameter the network lacks.
  const std::string extra = scratch("extra.npz");
  dict = nd::load_dict(path);
  dict["output.gamma"] = nd::ones({3});
  nd::save(extra, dict);
  other.initialize(init::Constant(3), /*force_reinit=*/true);
  const auto again = snapshot(other);
  CHECK_THROWS_WITH(other.load_parameters(extra), Catch::Contains("extra.npz") &&
                                                      Catch::Contains("output.gamma") &&
                                                      Catch::Contains("ignore_extra"));
  CHECK(snapshot(other) == again);
  other.load_parameters(extra, {.ignore_extra = true});
  CHECK(snapshot(other) == snapshot(small));

  // Shape mismatch: 32 hidden units cannot take 16; nothing is assigned.
  MLP wide(32);
  wide.initialize(init::Constant(3));
  wide(nd::ones({1, 5}));
  const auto wide_before = snapshot(wide);
  CHECK_THROWS_WITH(wide.load_parameters(path),
                    Catch::Contains("small.npz") && Catch::Contains("hidden.weight") &&
                        Catch::Contains("(16, 5)") && Catch::Contains("(32, 5)"));
  CHECK(snapshot(wide) == wide_before);
}

TEST_CASE("a truncated or corrupt parameter file leaves the network unchanged",
          "[gluon][io]") {
  const std::string path = scratch("good.npz");
  MLP net;
  net.initialize();
  net(nd::ones({1, 5}));
  net.save_parameters(path);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  MLP target;
  target.initialize(init::Constant(1));
  target(nd::ones({1, 5}));
  const auto before = snapshot(target);
  const std::string cut = scratch("cut.npz");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 30);
  CHECK_THROWS_WITH(target.load_parameters(cut), Catch::Contains("cut.npz"));
  std::string flipped = bytes;
  flipped[150] ^= 0x10;
  const std::string bad = scratch("flipped.npz");
  std::ofstream(bad, std::ios::binary) << flipped;
  CHECK_THROWS_WITH(target.load_parameters(bad), Catch::Contains("flipped.npz"));
  CHECK(snapshot(target) == before);
}

TEST_CASE("shared layers and constants are saved under each path", "[gluon][io]") {
  const std::string path = scratch("shared.npz");
  auto shared = std::make_shared<nn::Dense>(2);
  nn::Sequential net;
  net.add(shared).add(shared);
  net.initialize();
  net(nd::ones({1, 2}));
  net.save_parameters(path);
  auto dict = nd::load_dict(path);
  CHECK(dict.count("0.weight") == 1);
  CHECK(dict.count("1.weight") == 1);
  auto shared2 = std::make_shared<nn::Dense>(2);
  nn::Sequential copy;
  copy.add(shared2).add(shared2);
  copy.load_parameters(path);
  CHECK(copy(nd::ones({1, 2})).to_vector() == net(nd::ones({1, 2})).to_vector());
}
