//! # Layers and Blocks
//!
//! A `Sequential` network is convenient, but it only chains layers one after
//! another. To build anything else we need the idea underneath it: the
//! *block*. A block is an object that owns parameters, may contain other blocks,
//! and turns an input array into an output array in its `forward` function. A
//! single `Dense` layer is a block; a whole network of many layers is also a
//! block. Writing our own is how we express models that a chain cannot.
//!
//! In C++ a block is a class derived from `gluon::Block`. Its constructor
//! registers the child blocks and parameters; its `forward` says how they are
//! used. Calling the block, `net(x)`, runs `forward`.
#include <d2l/d2l.hpp>
#include <iostream>
#include <memory>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv);
  // Two random examples with 20 features: the input of every network on this page.
  NDArray x = nd::random::uniform(0, 1, {2, 20});

  //! ## A Custom Block
  //!
  //! Our first block is the familiar multilayer perceptron: a hidden layer of 256
  //! ReLU units and an output layer of 10 units. `register_child` makes each layer
  //! a part of the block, so that `initialize`, `collect_params` and printing find
  //! it, and gives it a name for printing. We keep a pointer to each child to call
  //! it in `forward`. The classes of this page are defined inside `main`, right
  //! where they are first used, as the cells of a notebook would define them.
  chapter.section("A Custom Block");
  class MLP : public gluon::Block {
   public:
    MLP() {
      hidden_ = register_child(std::make_shared<nn::Dense>(256, "relu"), "hidden");
      output_ = register_child(std::make_shared<nn::Dense>(10), "output");
    }
    // (batch, in) -> (batch, 256) -> (batch, 10)
    NDArray forward(const NDArray& x) override { return (*output_)((*hidden_)(x)); }

   private:
    std::shared_ptr<nn::Dense> hidden_, output_;
  };

  //! Constructing the block creates its layers, `initialize` gives their
  //! parameters values (the input size is learnt at the first call), and calling
  //! the block runs `forward`.
  MLP net;
  net.initialize();
  NDArray y = net(x);
  std::cout << net << "\n"
            << "output shape: " << shape_str(y.shape()) << "\n";
  chapter.result("mlp_shape", y);
  chapter.result("mlp_num_params", double(net.collect_params().size()));

  //! ## A Sequential Block of Our Own
  //!
  //! `nn::Sequential` is itself an ordinary block. To see that nothing is magic,
  //! here is a version of it: `add` registers each block as a child, and `forward`
  //! passes the input through the children in the order they were added. (A class
  //! defined inside a function cannot have template members, so our `add` takes
  //! a `std::shared_ptr` to the block, where `nn::Sequential::add` also takes the
  //! block itself.)
  chapter.section("A Sequential Block of Our Own");
  class MySequential : public gluon::Block {
   public:
    MySequential& add(std::shared_ptr<gluon::Block> block) {
      layers_.push_back(register_child(std::move(block)));
      return *this;
    }
    NDArray forward(const NDArray& x) override {
      NDArray y = x;
      for (const auto& layer : layers_) y = (*layer)(y);
      return y;
    }

   private:
    std::vector<std::shared_ptr<gluon::Block>> layers_;
  };

  MySequential seq;
  seq.add(std::make_shared<nn::Dense>(256, "relu")).add(std::make_shared<nn::Dense>(10));
  seq.initialize();
  NDArray ys = seq(x);
  std::cout << seq << "\noutput shape: " << shape_str(ys.shape()) << "\n";
  chapter.result("mysequential_shape", ys);

  //! `nn::Sequential` accepts any block, our own classes included, and it can be
  //! indexed and iterated like a list of layers.
  nn::Sequential chain;
  chain.add(MLP()).add(nn::Dense(5));
  chain.initialize();
  std::cout << "chain output: " << shape_str(chain(x).shape()) << "\n";
  for (const auto& block : chain) std::cout << "  a " << block->class_name() << "\n";
  std::cout << "chain[1] is " << chain[1].repr() << "\n";
  chapter.result("chain_size", double(chain.size()));

  //! ## Code in the Forward Function
  //!
  //! Because `forward` is plain C++, it can do things a chain of layers cannot.
  //! `FancyMLP` holds a *constant* weight, made with `register_constant`: it is a
  //! parameter with `grad_req` null, so no gradient is computed for it and the
  //! trainer never changes it. It uses one `Dense` layer twice, so both uses share
  //! that layer's parameters. And it loops on a value computed from the data:
  //! while the norm of the output exceeds 1 it halves the output, then scales it
  //! up tenfold if the norm has dropped below 0.8. The result is a scalar.
  chapter.section("Code in the Forward Function");
  class FancyMLP : public gluon::Block {
   public:
    FancyMLP() {
      rand_weight_ =
          register_constant("rand_weight", nd::random::uniform(0, 1, {20, 20}));
      dense_ = register_child(std::make_shared<nn::Dense>(20, "relu"), "dense");
    }
    NDArray forward(const NDArray& x) override {
      NDArray h = (*dense_)(x);
      h = nd::relu(nd::dot(h, rand_weight_.data()) + 1);  // the constant
      h = (*dense_)(h);                                   // the same layer again
      while (h.norm().asscalar() > 1) h = h / 2;
      if (h.norm().asscalar() < 0.8f) h = h * 10;
      return h.sum();
    }

   private:
    gluon::Parameter rand_weight_;
    std::shared_ptr<nn::Dense> dense_;
  };

  //! Of its three parameters only the `Dense` layer's two are trained.
  FancyMLP fancy;
  fancy.initialize();
  NDArray f = fancy(x);
  std::cout << fancy << "\n"
            << "output: " << f << "\n";
  std::cout << "parameters:\n" << fancy.collect_params() << "\n";
  int trained = 0;
  for (const auto& p : fancy.collect_params()) trained += p.grad_req() != GradReq::null;
  std::cout << trained << " of " << fancy.collect_params().size()
            << " parameters are trained\n";
  chapter.result("fancy_output", f.asscalar());
  chapter.result("fancy_trainable", double(trained));
  chapter.result("fancy_params", double(fancy.collect_params().size()));

  //! ## Nesting Blocks
  //!
  //! Blocks nest freely. `NestMLP` holds a Sequential of two layers plus one more
  //! layer, and we put it in a Sequential together with a `FancyMLP`.
  chapter.section("Nesting Blocks");
  class NestMLP : public gluon::Block {
   public:
    NestMLP() {
      net_ = register_child(std::make_shared<nn::Sequential>(), "net");
      net_->add(nn::Dense(64, "relu")).add(nn::Dense(32, "relu"));
      dense_ = register_child(std::make_shared<nn::Dense>(16, "relu"), "dense");
    }
    NDArray forward(const NDArray& x) override { return (*dense_)((*net_)(x)); }

   private:
    std::shared_ptr<nn::Sequential> net_;
    std::shared_ptr<nn::Dense> dense_;
  };

  nn::Sequential chimera;
  chimera.add(NestMLP()).add(nn::Dense(20)).add(FancyMLP());
  chimera.initialize();
  NDArray c = chimera(x);
  std::cout << chimera << "\noutput: " << c << "\n";
  chapter.result("chimera_output_size", double(c.size()));
  chapter.result("chimera_params", double(chimera.collect_params().size()));

  //! ## A Mistake: Layers That Forward Forgets
  //!
  //! Registering a layer is not the same as using it. This block registers three
  //! layers, but its `forward` only calls the last one, so the other two are
  //! initialized, printed and saved, yet they never touch the data and they receive
  //! no gradient. Worse, the program still runs, and nothing warns us.
  chapter.section("A Mistake: Layers That Forward Forgets");
  class ForgetfulMLP : public gluon::Block {
   public:
    ForgetfulMLP() {
      a_ = register_child(std::make_shared<nn::Dense>(64, "relu"), "a");
      b_ = register_child(std::make_shared<nn::Dense>(32, "relu"), "b");
      c_ = register_child(std::make_shared<nn::Dense>(16, "relu"), "c");
    }
    NDArray forward(const NDArray& x) override { return (*c_)(x); }  // a_, b_ unused!

   private:
    std::shared_ptr<nn::Dense> a_, b_, c_;
  };

  //! Printing `ForgetfulMLP` shows all three layers, but after a forward pass only
  //! the last one knows its input size: the others never saw data. Their
  //! parameters stay uninitialized (deferred), which is the clue.
  ForgetfulMLP forgetful;
  forgetful.initialize();
  forgetful(x);
  std::cout << forgetful << "\n";
  int unused = 0;
  for (const auto& p : forgetful.collect_params()) unused += !p.is_initialized();
  std::cout << unused << " of " << forgetful.collect_params().size()
            << " parameters were never used (still waiting for their shapes)\n";
  chapter.result("forgetful_unused", double(unused));

  //! ## Exercises
  //!
  //! 1. Change `MySequential` to keep its layers in a `std::vector` without
  //!    calling `register_child`. What do `initialize` and printing do now?
  //! 2. Write a block that takes two blocks `a` and `b` and returns the
  //!    concatenation of `a(x)` and `b(x)` along axis 1 (a parallel block).
  //! 3. Write a function that returns a Sequential of `n` copies of a block, and
  //!    another that returns one block added `n` times. How do their parameter
  //!    counts differ?
  //! 4. Fix `ForgetfulMLP` so that the data passes through all three layers.
}
