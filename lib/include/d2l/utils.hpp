#pragma once
/// @file utils.hpp
/// The book's helper functions (the d2lzh package): timing, accumulating,
/// linear regression from scratch, cross-correlation by hand, Fashion-MNIST
/// loaders, accuracy and the chapter-3 training loop, a live progress line, SVG
/// figures, and the residual block and ResNet-18.

#include "d2l/utils/accumulator.hpp"
#include "d2l/utils/corr2d.hpp"
#include "d2l/utils/fashion_mnist.hpp"
#include "d2l/utils/files.hpp"
#include "d2l/utils/images.hpp"
#include "d2l/utils/linreg.hpp"
#include "d2l/utils/plot.hpp"
#include "d2l/utils/progress.hpp"
#include "d2l/utils/resnet.hpp"
#include "d2l/utils/summary.hpp"
#include "d2l/utils/timer.hpp"
#include "d2l/utils/train.hpp"
#include "d2l/utils/train_ch5.hpp"
