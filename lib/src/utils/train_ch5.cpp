// train_ch5: the chapter-3 loop with the classification loss built in and a
// device to train on.
#include "d2l/utils/train_ch5.hpp"

#include <iostream>

#include "d2l/gluon/loss.hpp"

namespace d2l::book {

TrainHistory train_ch5(gluon::Block& net, const gluon::data::DataLoader& train_iter,
                       const gluon::data::DataLoader& test_iter, int64_t batch_size,
                       gluon::Trainer& trainer, Device device, int num_epochs) {
  std::cout << "training on " << device.str() << std::endl;
  // The parameters must be where the batches go (the book re-initializes the
  // network with ctx=device; moving keeps the caller's initialization).
  net.collect_params().reset_device(device);
  gluon::loss::SoftmaxCrossEntropyLoss loss;
  // The loop itself is train_ch3's: move each batch to `device`, forward,
  // backward, trainer.step, then evaluate the test set on `device`.
  return train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size, trainer,
                   device);
}

}  // namespace d2l::book
