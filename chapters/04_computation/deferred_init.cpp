//! # Deferred Initialization
//!
//! So far we have built networks without saying how many inputs the first layer
//! takes: `nn::Dense(256, "relu")` names only its outputs. The weight of that
//! layer has shape (256, inputs), so it cannot be allocated until the number of
//! inputs is known. The library waits: the unknown axis is written 0, and it is
//! filled in at the first forward pass, when the input arrives. This is deferred
//! initialization. It saves us from computing sizes by hand, which matters most
//! for networks where the size of a layer's input depends on everything before
//! it.
#include <d2l/d2l.hpp>
#include <iostream>
#include <stdexcept>

using namespace d2l;

//! An initializer that says when it runs lets us watch when the work happens.
class TellingInit : public gluon::Initializer {
 public:
  void init_weight(const std::string& name, NDArray& data) const override {
    std::cout << "  Init " << name << " " << shape_str(data.shape()) << "\n";
    data.assign(nd::random::uniform(-0.07f, 0.07f, data.shape()));
  }
};

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## Shapes Unknown Until Data Arrives
  //!
  //! We build an MLP and call `initialize`. Nothing is printed: the initializer
  //! has not run, because no weight has a full shape yet. The printed parameters
  //! show the unknown axis as 0.
  chapter.section("Shapes Unknown Until Data Arrives");
  nn::Sequential net;
  net.add(nn::Dense(256, "relu")).add(nn::Dense(10));
  std::cout << "initialize:\n";
  net.initialize(TellingInit());
  std::cout << net.collect_params() << "\n";
  chapter.result("deferred_in_units", double(net.at<nn::Dense>(0).weight.shape()[1]));

  //! ## The Error Before the First Forward Pass
  //!
  //! Asking for a deferred parameter's value is an error, and the message says why
  //! the value does not exist yet and what to do about it.
  chapter.section("The Error Before the First Forward Pass");
  bool failed = false;
  try {
    std::cout << net.at<nn::Dense>(0).weight.data() << "\n";
  } catch (const std::exception& e) {
    failed = true;
    std::cout << "error: " << e.what() << "\n";
  }
  chapter.result("data_before_forward_fails", failed ? 1.0 : 0.0);

  //! ## The First Forward Pass
  //!
  //! Now we pass a batch of two examples with 20 features. The first layer learns
  //! that it has 20 inputs, the second that it has 256, and the initializer runs
  //! for each weight at that moment, in the order the data reaches them.
  chapter.section("The First Forward Pass");
  NDArray x = nd::random::uniform(0, 1, {2, 20});
  std::cout << "forward:\n";
  net(x);
  std::cout << net.collect_params() << "\n";
  std::cout << "second forward: (nothing to initialize)\n";
  net(x);
  chapter.result("inferred_in_units", double(net.at<nn::Dense>(0).weight.shape()[1]));
  chapter.result("inferred_in_units_1", double(net.at<nn::Dense>(1).weight.shape()[1]));

  //! A layer that has fixed its input size refuses input of another size, with
  //! both sizes in the message.
  failed = false;
  try {
    net(nd::ones({2, 30}));
  } catch (const std::exception& e) {
    failed = true;
    std::cout << "error: " << e.what() << "\n";
  }
  chapter.result("wrong_input_fails", failed ? 1.0 : 0.0);

  //! ## Avoiding Deferral
  //!
  //! When we know the input size, we can say so with `in_units`. Then every shape
  //! is known at once and `initialize` fills the weights immediately, before any
  //! data is seen.
  chapter.section("Avoiding Deferral");
  nn::Sequential known;
  known.add(nn::Dense({.units = 256, .activation = "relu", .in_units = 20}));
  known.add(nn::Dense({.units = 10, .in_units = 256}));
  std::cout << "initialize:\n";
  known.initialize(TellingInit());
  std::cout << known << "\n";
  chapter.result("known_ready",
                 known.at<nn::Dense>(0).weight.is_initialized() ? 1.0 : 0.0);

  //! Re-initializing with `force_reinit` also runs at once: the shapes are known
  //! from the first forward pass.
  std::cout << "force_reinit:\n";
  net.initialize(TellingInit(), /*force_reinit=*/true);

  //! ## Exercises
  //!
  //! 1. What happens if you give the first layer `.in_units = 20` but leave the
  //!    second layer's input size unknown? When is each weight initialized?
  //! 2. What happens if you pass inputs of a different size to a network that has
  //!    already run once? Read the message.
  //! 3. Print `net` before and after the first forward pass and compare.
}
