// The reference answer to tensor_reduction.cpp.
#include "tensor_reduction.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

class TensorReduction : public gluon::Block {
 public:
  TensorReduction(int64_t in_units, int64_t units) : in_(in_units), units_(units) {
    weight = register_parameter("weight", {in_units, in_units, units});
  }
  // (batch, in_units) -> (batch, units)
  NDArray forward(const NDArray& x) override {
    const int64_t n = x.shape()[0];
    // outer[n, i, j] = x[n, i] * x[n, j], flattened to (batch, in * in)
    NDArray outer =
        (x.reshape({n, in_, 1}) * x.reshape({n, 1, in_})).reshape({n, in_ * in_});
    return nd::dot(outer, weight.data().reshape({in_ * in_, units_}));
  }
  gluon::Parameter weight;

 private:
  int64_t in_, units_;
};

std::shared_ptr<gluon::Block> make_tensor_reduction(int64_t in_units, int64_t units) {
  return std::make_shared<TensorReduction>(in_units, units);
}
