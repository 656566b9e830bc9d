//! # Parameter Management
//!
//! Training finds good values for a network's parameters; everything else we do
//! with a network, such as inspecting it, saving it, or reusing part of it in
//! another model, needs access to those parameters. This section shows how to
//! reach them, how to choose how they start, and how two layers can share one
//! set of them.
#include <d2l/d2l.hpp>
#include <iostream>
#include <memory>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## Accessing Parameters
  //!
  //! We use an MLP with one hidden layer and run it once, so that every shape is
  //! known. `net[0]` is the first layer as a `Block`; its `params()` holds its own
  //! parameters, and `net[0].weight()` and `net[0].bias()` reach the two by name,
  //! as MXNet's `net[0].weight` does (a block without such a parameter says so).
  //! To hold on to a layer as its own type, with its members `weight` and `bias`,
  //! we ask for it with `net.at<nn::Dense>(1)`.
  chapter.section("Accessing Parameters");
  nn::Sequential net;
  net.add(nn::Dense(256, "relu")).add(nn::Dense(10));
  net.initialize();
  NDArray x = nd::random::uniform(0, 1, {2, 20});
  NDArray y = net(x);
  std::cout << net[0].params() << "\n";
  auto& out = net.at<nn::Dense>(1);
  std::cout << out.weight << "\n";
  std::cout << "bias: " << out.bias.data() << "\n";
  chapter.result("layer0_num_params", double(net[0].params().size()));
  chapter.result("weight1_shape", std::vector<double>{double(out.weight.shape()[0]),
                                                      double(out.weight.shape()[1])});

  //! A parameter holds its value, `data()`, and the gradient of the last
  //! backward pass, `grad()`. Before any backward pass the gradient is zero.
  std::cout << "grad of the first weight, first row: "
            << net[0].weight().grad()[{0, slice(0, 5)}] << "\n";
  chapter.result("grad_before_backward",
                 nd::abs(net[0].weight().grad()).sum().asscalar());

  //! ## All Parameters at Once
  //!
  //! `collect_params()` gathers the parameters of a block and all the blocks
  //! inside it into a `ParameterDict`. A regular expression picks some of them:
  //! here, every weight.
  chapter.section("All Parameters at Once");
  std::cout << net.collect_params() << "\n";
  std::cout << net.collect_params(".*weight") << "\n";
  std::cout << "by name: " << net.collect_params()["dense1_bias"] << "\n";
  chapter.result("num_params", double(net.collect_params().size()));
  chapter.result("num_weights", double(net.collect_params(".*weight").size()));

  //! ## Initializing Parameters
  //!
  //! By default each weight is drawn from $U[-0.07, 0.07]$ and each bias is zero.
  //! To start over with another rule we pass `force_reinit`: without it, a network
  //! that is already initialized keeps its values (and says so). `Normal(0.01)`
  //! draws weights with standard deviation 0.01; `Constant(1)` sets them to 1.
  chapter.section("Initializing Parameters");
  auto& first = net.at<nn::Dense>(0);
  net.initialize(init::Normal(0.01f), /*force_reinit=*/true);
  std::cout << "Normal(0.01): " << first.weight.data()[{0, slice(0, 4)}] << "\n";
  chapter.result("normal_std", nd::square(first.weight.data()).mean().asscalar());
  net.initialize(init::Constant(1), /*force_reinit=*/true);
  std::cout << "Constant(1): " << first.weight.data()[{0, slice(0, 4)}] << "\n";
  chapter.result("constant_value", first.weight.data().mean().asscalar());

  //! One parameter can also be initialized on its own. Below, the first layer gets
  //! Xavier initialization and the output layer a constant 42.
  first.weight.initialize(init::Xavier(), /*force_reinit=*/true);
  out.weight.initialize(init::Constant(42), /*force_reinit=*/true);
  std::cout << "Xavier: " << first.weight.data()[{0, slice(0, 4)}] << "\n";
  std::cout << "Constant(42): " << out.weight.data()[{0, slice(0, 4)}] << "\n";
  chapter.result("xavier_max", nd::abs(first.weight.data()).max().asscalar());
  chapter.result("out_weight_value", out.weight.data().mean().asscalar());

  //! ## A Custom Initializer
  //!
  //! An initializer is a class derived from `gluon::Initializer` that fills a
  //! weight in `init_weight`. Ours draws from $U[-10, 10]$ and then zeroes every
  //! entry whose magnitude is below 5, so that about half the weights are zero and
  //! the others lie in $[-10, -5]$ or $[5, 10]$. It prints the name and shape of
  //! each parameter it fills, so we can see when it runs.
  chapter.section("A Custom Initializer");
  class MyInit : public gluon::Initializer {
   public:
    void init_weight(const std::string& name, NDArray& data) const override {
      std::cout << "Init " << name << " " << shape_str(data.shape()) << "\n";
      NDArray w = nd::random::uniform(-10, 10, data.shape());
      data.assign(w * (nd::abs(w) > 5.0f));
    }
  };

  net.initialize(MyInit(), /*force_reinit=*/true);
  NDArray w = first.weight.data();
  NDArray nonzero = nd::abs(w) > 0.0f;
  std::cout << "first row: " << w[{0, slice(0, 4)}] << "\n"
            << "zeros: " << 1 - nonzero.mean().asscalar() << " of the weights\n";
  chapter.result("myinit_min_abs_nonzero",
                 (nd::abs(w) + 100 * (1 - nonzero)).min().asscalar());
  chapter.result("myinit_zero_fraction", 1 - nonzero.mean().asscalar());

  //! ## Setting Parameters Directly
  //!
  //! `set_data` writes new values into a parameter; it keeps the shape, and
  //! anything holding the parameter (the layer, the trainer) sees the change.
  //! Arithmetic in place works too.
  chapter.section("Setting Parameters Directly");
  first.weight.set_data(first.weight.data() + 1);
  NDArray wd = first.weight.data();
  wd[{0, 0}] = 42;
  std::cout << "first row: " << first.weight.data()[{0, slice(0, 4)}] << "\n";
  chapter.result("set_data_corner", first.weight.data()[{0, 0}].get().asscalar());

  //! ## Shared Parameters
  //!
  //! Sometimes two layers should use the same weights. We build the second
  //! hidden layer with the parameters of the first: `.params = shared->params()`.
  //! The two layers then hold one weight and one bias, so their values are always
  //! equal. During back-propagation each use contributes to the gradient, and the
  //! shared gradient is their sum.
  chapter.section("Shared Parameters");
  nn::Sequential snet;
  auto shared = std::make_shared<nn::Dense>(8, "relu");
  snet.add(nn::Dense(8, "relu"));
  snet.add(shared);
  snet.add(nn::Dense({.units = 8, .activation = "relu", .params = shared->params()}));
  snet.add(nn::Dense(10));
  snet.initialize();
  snet(x);
  auto& third = snet.at<nn::Dense>(2);
  std::cout << snet << "\n";
  std::cout << "same weight: " << std::boolalpha << (third.weight == shared->weight)
            << "\n";
  third.weight.data()[{0, 0}] = 100;  // change it through the third layer ...
  std::cout << "seen by the second layer: " << shared->weight.data()[{0, 0}] << "\n";
  chapter.result("shared_same", shared->weight.data()[{0, 0}].get().asscalar());
  chapter.result("shared_num_params", double(snet.collect_params().size()));

  //! To see the summed gradient, compare it with the sum of the gradients each use
  //! would get on its own. We copy the shared weight into two separate layers,
  //! run the same computation, and add their gradients.
  NDArray loss;
  {
    autograd::record rec;
    loss = snet(x).sum();
  }
  loss.backward();
  NDArray g_shared = shared->weight.grad().copy();
  nn::Sequential split;
  split.add(nn::Dense(8, "relu")).add(nn::Dense(8, "relu"));
  split.add(nn::Dense(8, "relu")).add(nn::Dense(10));
  split.initialize();
  split(x);
  for (size_t i = 0; i < 4; ++i) {
    auto& from = snet.at<nn::Dense>(i);
    split.at<nn::Dense>(i).weight.set_data(from.weight.data());
    split.at<nn::Dense>(i).bias.set_data(from.bias.data());
  }
  {
    autograd::record rec;
    loss = split(x).sum();
  }
  loss.backward();
  NDArray g_sum =
      split.at<nn::Dense>(1).weight.grad() + split.at<nn::Dense>(2).weight.grad();
  const float diff = nd::abs(g_shared - g_sum).max().asscalar();
  std::cout << "largest difference between the shared gradient and the sum: " << diff
            << "\n";
  chapter.result("shared_grad_diff", diff);
  chapter.result("shared_grad_norm", g_shared.norm().asscalar());

  //! ## Exercises
  //!
  //! 1. Use `MyInit` on the MLP of the model construction section and print the
  //!    names it reports. In which order are the parameters initialized?
  //! 2. Freeze the first layer with
  //!    `net[0].collect_params().set_grad_req(GradReq::null)`, train a few steps,
  //!    and check that its weight did not move.
  //! 3. Why is sharing parameters a good idea in some models? Think of a layer
  //!    applied at every position of a sequence.
}
