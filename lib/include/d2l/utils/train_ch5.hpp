#pragma once
/// @file train_ch5.hpp
/// The training loop of the convolutional chapters (the book's train_ch5):
/// train_ch3's loop with the softmax cross-entropy loss built in, on a chosen
/// device.

#include <cstdint>

#include "d2l/data.hpp"
#include "d2l/device.hpp"
#include "d2l/gluon/block.hpp"
#include "d2l/gluon/trainer.hpp"
#include "d2l/utils/train.hpp"

namespace d2l::book {

/// Trains a classifier `net` with `trainer` for `num_epochs` on `device`:
/// prints `training on cpu(0)`, then, per epoch,
///
///     epoch 3, loss 0.512, train acc 0.829, test acc 0.817, 4.1 s, 12345 examples/s
///
/// Each batch is moved to `device` (`as_in_context`) before the forward pass;
/// the loss is gluon::loss::SoftmaxCrossEntropyLoss summed over the batch, and
/// `trainer.step(n)` follows each backward. The test set is evaluated on
/// `device` in prediction mode after every epoch. The seconds of an epoch
/// include that evaluation; examples/s counts the training part only. The
/// network's parameters must already live on `device`.
TrainHistory train_ch5(gluon::Block& net, const gluon::data::DataLoader& train_iter,
                       const gluon::data::DataLoader& test_iter, int64_t batch_size,
                       gluon::Trainer& trainer, Device device, int num_epochs);

}  // namespace d2l::book
