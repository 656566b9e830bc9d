// The reference answer to parallel_block.cpp.
#include "parallel_block.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

class Parallel : public gluon::Block {
 public:
  Parallel(std::shared_ptr<gluon::Block> a, std::shared_ptr<gluon::Block> b) {
    a_ = register_child(std::move(a), "a");
    b_ = register_child(std::move(b), "b");
  }
  // (batch, in) -> (batch, a's units + b's units)
  NDArray forward(const NDArray& x) override {
    return nd::concat({(*a_)(x), (*b_)(x)}, 1);
  }

 private:
  std::shared_ptr<gluon::Block> a_, b_;
};

std::shared_ptr<gluon::Block> make_parallel(std::shared_ptr<gluon::Block> a,
                                            std::shared_ptr<gluon::Block> b) {
  return std::make_shared<Parallel>(std::move(a), std::move(b));
}
