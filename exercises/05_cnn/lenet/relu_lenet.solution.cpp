// The reference answer to relu_lenet.cpp.
#include "relu_lenet.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

gluon::nn::Sequential relu_lenet() {
  nn::Sequential net;
  net.add(nn::Conv2D({.channels = 6, .kernel_size = 5, .activation = "relu"}))
      .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
      .add(nn::Conv2D({.channels = 16, .kernel_size = 5, .activation = "relu"}))
      .add(nn::MaxPool2D({.pool_size = 2, .strides = 2}))
      .add(nn::Dense(120, "relu"))
      .add(nn::Dense(84, "relu"))
      .add(nn::Dense(10));
  return net;
}

// At 0.9 the ReLU network's steps are too large and it stays at chance level;
// 0.1 to 0.3 learn at once.
float relu_lenet_lr() { return 0.1f; }
