#pragma once
/// @file gluon.hpp
/// The Gluon API in one include: blocks, layers, losses, initializers and the
/// Trainer, with the fused nn ops they use.

#include "d2l/gluon/block.hpp"
#include "d2l/gluon/init.hpp"
#include "d2l/gluon/loss.hpp"
#include "d2l/gluon/nn/activation.hpp"
#include "d2l/gluon/nn/batch_norm.hpp"
#include "d2l/gluon/nn/conv2d.hpp"
#include "d2l/gluon/nn/dense.hpp"
#include "d2l/gluon/nn/dropout.hpp"
#include "d2l/gluon/nn/flatten.hpp"
#include "d2l/gluon/nn/pooling.hpp"
#include "d2l/gluon/nn/sequential.hpp"
#include "d2l/gluon/parameter.hpp"
#include "d2l/gluon/trainer.hpp"
#include "d2l/nn_ops.hpp"

namespace d2l {
// The book's spelling after `using namespace d2l;`: nn::Dense, init::Normal.
namespace nn = gluon::nn;
namespace init = gluon::init;
}  // namespace d2l
