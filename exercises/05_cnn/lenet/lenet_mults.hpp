// Exercise 5: count the multiplications of one LeNet forward pass, layer by layer.
#pragma once
#include <cstdint>
#include <vector>

/// The multiplications that one single-channel `side` x `side` image costs in
/// each layer of the section's LeNet (5x5 convolutions without padding, 2x2
/// max pooling with stride 2, dense layers of 120, 84 and 10 units), in the
/// order {conv1, conv2, dense1, dense2, dense3}. Pooling, biases and
/// activations multiply nothing and are not counted.
std::vector<int64_t> lenet_mults(int64_t side);
