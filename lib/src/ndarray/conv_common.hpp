#pragma once
// What the im2col and the Winograd convolutions share: chunks of images that
// run in parallel, and the scratch space of each thread.

#include <cstdint>
#include <vector>

namespace d2l::nd::conv {

/// Images per pass for passes of `floats_per_image` scratch floats and `p`
/// GEMM columns per image, at least `min_columns` columns, a whole number of
/// passes per thread where the batch of `n` allows (conv_ops.cpp).
int64_t chunk_images(int64_t floats_per_image, int64_t p, int64_t n,
                     int64_t min_columns = 1024);

/// Scratch space of one thread, reused from call to call, so that chunks run
/// in parallel without sharing.
inline float* scratch(std::vector<float>& buffer, int64_t size) {
  if (int64_t(buffer.size()) < size) buffer.resize(size_t(size));
  return buffer.data();
}

}  // namespace d2l::nd::conv
