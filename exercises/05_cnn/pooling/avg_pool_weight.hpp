// Exercise 1: average pooling as a convolution with a particular kernel.
#pragma once
#include <cstdint>

#include "d2l/ndarray.hpp"

/// The weight (c, c, p_h, p_w) such that nd::convolution(X, weight, NDArray(),
/// {.stride = s, .pad = p}) equals nd::pooling(X, {.kernel = {p_h, p_w},
/// .stride = s, .pad = p, .type = "avg"}) for every X with c channels.
d2l::NDArray avg_pool_weight(int64_t c, int64_t p_h, int64_t p_w);
