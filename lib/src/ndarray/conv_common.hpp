#pragma once
// What the im2col and the Winograd convolutions share: chunks of images that
// run in parallel, and the scratch space of each task.

#include <cstdint>
#include <functional>

#include "d2l/ndarray.hpp"

namespace d2l::nd::conv {

/// Images per pass for passes of `floats_per_image` scratch floats and `p`
/// GEMM columns per image, at least `min_columns` columns, a whole number of
/// passes per thread where the batch of `n` allows (conv_ops.cpp).
int64_t chunk_images(int64_t floats_per_image, int64_t p, int64_t n,
                     int64_t min_columns = 1024);

/// The number of parallel tasks for `chunks` chunks: one per thread, at most
/// one per chunk.
int64_t task_count(int64_t chunks);

/// Runs body(task, first, end) for `tasks` fixed, contiguous ranges [first,
/// end) of the chunks, in parallel; each range runs in order. (A fixed split
/// makes sums over chunks come out the same on every run.)
void for_chunk_ranges(int64_t chunks, int64_t tasks,
                      const std::function<void(int64_t, int64_t, int64_t)>& body);

/// Scratch space of `floats` floats for each of `tasks` tasks, from the array
/// pool: it goes back to the pool when the convolution is done and later
/// arrays reuse it (a thread_local buffer would keep its largest size for the
/// life of the process: 60 MB for AlexNet).
class TaskScratch {
 public:
  TaskScratch(int64_t tasks, int64_t floats, Device d);
  float* of(int64_t task) const;

 private:
  NDArray buffer_;
  int64_t floats_;
};

}  // namespace d2l::nd::conv
