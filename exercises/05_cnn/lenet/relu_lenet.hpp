// Exercise 1: a ReLU LeNet with a learning rate at which it beats the sigmoid one.
#pragma once
#include "d2l/d2l.hpp"

/// The section's LeNet (two 5x5 convolutions with 6 and 16 channels, each
/// followed by 2x2 max pooling with stride 2; dense layers of 120, 84 and 10
/// units) with ReLU activations instead of sigmoids. Not initialized.
d2l::gluon::nn::Sequential relu_lenet();

/// A learning rate for plain SGD at which relu_lenet() learns quickly.
float relu_lenet_lr();
