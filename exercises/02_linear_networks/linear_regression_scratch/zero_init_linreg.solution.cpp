// The reference answer to zero_init_linreg.cpp.
#include "zero_init_linreg.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

std::pair<NDArray, NDArray> train_from_zero(const NDArray& features,
                                            const NDArray& labels, int num_epochs) {
  NDArray w = nd::zeros({features.shape()[1], 1});
  NDArray b = nd::zeros({1});
  w.attach_grad();
  b.attach_grad();
  const int64_t batch_size = 10;
  for (int epoch = 0; epoch < num_epochs; ++epoch) {
    for (const auto& [X, y] : book::data_iter(batch_size, features, labels)) {
      NDArray l;
      {
        autograd::record rec;
        l = book::squared_loss(book::linreg(X, w, b), y);
      }
      l.backward();
      book::sgd({w, b}, 0.03f, batch_size);
    }
  }
  return {w, b};
}
