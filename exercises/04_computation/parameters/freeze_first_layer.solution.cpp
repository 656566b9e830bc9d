// The reference answer to freeze_first_layer.cpp.
#include "freeze_first_layer.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

void train_frozen_first(nn::Sequential& net, const NDArray& X, const NDArray& y,
                        int steps, float lr) {
  net[0].collect_params().set_grad_req(GradReq::null);  // the Trainer skips these
  gluon::loss::L2Loss loss;
  gluon::Trainer trainer(net.collect_params(), "sgd", {.learning_rate = lr});
  for (int step = 0; step < steps; ++step) {
    NDArray l;
    {
      autograd::record rec;
      l = loss(net(X), y);
    }
    l.backward();
    trainer.step(X.shape()[0]);
  }
}
