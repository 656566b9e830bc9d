//! # File I/O
//!
//! A trained network is only useful if we can keep it: to use it later, to give
//! it to someone else, or to go on training after a crash. This section saves
//! arrays and whole sets of parameters to files and loads them back.
//!
//! **The format.** We use NumPy's formats, so that the files are not tied to
//! this library: one array is a `.npy` file (float32 values in C order after a
//! short text header), and several arrays are a `.npz` file, a ZIP archive
//! (stored, not compressed) holding one `.npy` per array. In Python,
//! `numpy.load("x.npy")` reads the first, and `numpy.load("mlp.npz")` the second,
//! which behaves like a dict; `torch.from_numpy` turns either into a tensor.
//! Every file is written under a temporary name and then renamed, so a crash
//! while saving never destroys the previous file.
#include <d2l/d2l.hpp>
#include <iostream>
#include <map>
#include <memory>

using namespace d2l;

class MLP : public gluon::Block {
 public:
  explicit MLP(int64_t hidden = 256) {
    hidden_ = register_child(std::make_shared<nn::Dense>(hidden, "relu"), "hidden");
    output_ = register_child(std::make_shared<nn::Dense>(10), "output");
  }
  NDArray forward(const NDArray& x) override { return (*output_)((*hidden_)(x)); }

 private:
  std::shared_ptr<nn::Dense> hidden_, output_;
};

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## Loading and Saving Arrays
  //!
  //! `nd::save` writes one array, a list of arrays, or a dict from names to
  //! arrays. `nd::load` reads any of them back; `load_array`, `load_list` and
  //! `load_dict` say what we expect to find.
  chapter.section("Loading and Saving Arrays");
  NDArray x = nd::arange(4);
  nd::save(chapter.path("x-file.npy"), x);
  NDArray x2 = nd::load_array(chapter.path("x-file.npy"));
  std::cout << x2 << "\n";

  NDArray y = nd::zeros({4});
  nd::save(chapter.path("x-files.npz"), std::vector<NDArray>{x, y});
  auto list = nd::load_list(chapter.path("x-files.npz"));
  std::cout << list[0] << "\n" << list[1] << "\n";

  std::map<std::string, NDArray> mydict{{"x", x}, {"y", y}};
  nd::save(chapter.path("mydict.npz"), mydict);
  auto mydict2 = nd::load_dict(chapter.path("mydict.npz"));
  for (const auto& [name, value] : mydict2) std::cout << name << ": " << value << "\n";
  chapter.result("x_loaded", x2);
  chapter.result("list_size", double(list.size()));
  chapter.result("dict_y", mydict2.at("y"));

  //! ## Model Parameters
  //!
  //! Saving a network means saving its parameters; the structure is the code. So
  //! to load a network we build a new instance with the same code and load the
  //! parameters into it. Each parameter is stored under its *structural* name, the
  //! path of child names that leads to it: `hidden.weight`, `output.bias`. The
  //! global names such as `dense0_weight` would not do, because they count every
  //! layer the program has made, so the fresh instance's layers have other
  //! numbers.
  chapter.section("Model Parameters");
  MLP net;
  net.initialize();
  NDArray X = nd::random::uniform(0, 1, {2, 20});
  NDArray Y = net(X);
  net.save_parameters(chapter.path("mlp.npz"));
  for (const auto& [name, p] : net.structural_params()) {
    std::cout << name << " <- " << p.name() << " " << shape_str(p.shape()) << "\n";
  }

  //! The clone is built by the same code but never initialized: loading gives its
  //! parameters their shapes and values. Its output on the same input is the same,
  //! bit for bit.
  MLP clone;
  clone.load_parameters(chapter.path("mlp.npz"));
  NDArray Y_clone = clone(X);
  std::cout << "clone's first weight is " << clone.collect_params().keys()[0] << "\n";
  std::cout << "Y_clone == Y: " << (Y_clone == Y) << "\n";
  const bool identical = Y_clone.to_vector() == Y.to_vector();
  chapter.result("identical_outputs", identical ? 1.0 : 0.0);

  //! ## When the File Does Not Fit
  //!
  //! Loading checks every parameter before it changes any, so a file saved from a
  //! different network is an error that names the file, the parameter and both
  //! shapes, and leaves the network as it was. A network with a wider hidden
  //! layer cannot take our file:
  chapter.section("When the File Does Not Fit");
  MLP other(/*hidden=*/512);
  try {
    other.load_parameters(chapter.path("mlp.npz"));
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    chapter.result("mismatch_error", e.what());
  }

  //! ## Exercises
  //!
  //! 1. Load `mlp.npz` in Python with `numpy.load` and print its keys and shapes.
  //! 2. Keep only the `hidden.` entries of `mlp.npz` (`load_dict`, erase the
  //!    others, `save`) and load that file into a new MLP with
  //!    `{.allow_missing = true}`. Why might reusing the first layers of a trained
  //!    network be useful?
  //! 3. What happens if you save a network right after `initialize()`, before the
  //!    first forward pass? Why?
}
