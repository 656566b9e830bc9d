#pragma once
// The two implementations of every device primitive: kernels::cpu (src/cpu/)
// and kernels::cuda (src/cuda/, only in a CUDA build). Only the dispatch layer
// and the backends themselves include this; ops call d2l::kernels::*.

#include "kernels/kernels.hpp"

namespace d2l::kernels::cpu {
#include "kernels/primitives.inc"
}  // namespace d2l::kernels::cpu

namespace d2l::kernels::cuda {
#include "kernels/primitives.inc"
}  // namespace d2l::kernels::cuda
