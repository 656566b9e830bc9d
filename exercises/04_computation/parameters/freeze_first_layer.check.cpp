// The check of freeze_first_layer: the first layer's weight and bias are
// exactly as before, the second layer's have moved, and the loss went down.
#include "freeze_first_layer.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "freeze_first_layer", "04_computation/parameters/freeze_first_layer.cpp",
      [](exercise::Checks& check) {
        nn::Sequential net;
        net.add(nn::Dense(16, "relu"), nn::Dense(1));
        net.initialize(init::Normal(0.3f));
        NDArray X = nd::random::normal(0, 1, {64, 4});
        NDArray y = nd::dot(X, NDArray{{1}, {-1}, {2}, {0.5}}) + 1;
        net(X);  // fixes the shapes
        gluon::loss::L2Loss loss;
        const double loss_before = loss(net(X), y).mean().asscalar();
        NDArray w0 = net[0].weight().data().copy(), b0 = net[0].bias().data().copy();
        NDArray w1 = net[1].weight().data().copy(), b1 = net[1].bias().data().copy();
        train_frozen_first(net, X, y, 20, 0.05f);
        check.close(net[0].weight().data(), w0, "the first layer's weight did not move",
                    "freeze it before training: "
                    "net[0].collect_params().set_grad_req(GradReq::null)",
                    0);
        check.close(net[0].bias().data(), b0, "the first layer's bias did not move",
                    "freeze all of net[0]'s parameters, the bias too", 0);
        const double moved = nd::abs(net[1].weight().data() - w1).max().asscalar() +
                             nd::abs(net[1].bias().data() - b1).max().asscalar();
        check.that(moved > 1e-4, "the second layer's parameters changed",
                   "only the first layer is frozen: give the Trainer all of "
                   "net.collect_params() (or at least net[1]'s) and call step() each "
                   "step after backward()");
        const double loss_after = loss(net(X), y).mean().asscalar();
        check.that(loss_after < 0.9 * loss_before,
                   "training lowered the loss (before " + std::to_string(loss_before) +
                       ", after " + std::to_string(loss_after) + ")",
                   "record the forward pass, call backward() on the loss, then "
                   "trainer.step(batch size)");
      });
}
