// Exercise 1 of "Convolutional Neural Networks (LeNet)": build the section's
// LeNet with ReLU activations and choose its SGD learning rate. Try 0.03, 0.3
// and 0.9 (and the section's 0.1): at which ones does it learn, and where does
// it stop? The check trains your network and the sigmoid LeNet at lr 0.9, the
// same way, for one short epoch on 12,000 Fashion-MNIST images: yours has to be
// clearly ahead.
//
// Check it: bash scripts/exercise.sh relu_lenet
#include "relu_lenet.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

gluon::nn::Sequential relu_lenet() {
  exercise::todo("relu_lenet");  // your answer here: replace this line
}

float relu_lenet_lr() {
  exercise::todo("relu_lenet_lr");  // your answer here: replace this line
}
