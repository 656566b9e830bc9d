// print_output_shapes and num_parameters: a network's layer-by-layer shapes
// and its size.
#include "d2l/utils/summary.hpp"

#include <iomanip>
#include <iostream>
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"

namespace d2l::book {

NDArray print_output_shapes(gluon::nn::Sequential& net, NDArray X) {
  autograd::predict_mode predicting;
  for (const auto& layer : net) {
    X = (*layer)(X);
    std::cout << std::left << std::setw(16) << layer->prefix() << " output shape:\t"
              << shape_str(X.shape()) << "\n";
  }
  std::cout << std::right;
  return X;
}

NDArray describe_network(Chapter& chapter, gluon::nn::Sequential& net, int64_t side) {
  NDArray Y = print_output_shapes(net, nd::random::uniform(0, 1, {1, 1, side, side}));
  const int64_t n = num_parameters(net);
  std::cout << n << " parameters\n";
  chapter.result("output_shape", std::vector<double>(Y.shape().begin(), Y.shape().end()));
  chapter.result("num_params", static_cast<double>(n));
  return Y;
}

int64_t num_parameters(const gluon::Block& net) {
  int64_t n = 0;
  for (const auto& p : net.collect_params()) n += p.data().size();
  return n;
}

}  // namespace d2l::book
