#pragma once
/// @file d2l.hpp
/// Everything a chapter of the book needs, in one include.

#if __cplusplus < 202002L
#error "d2l needs C++20: compile with -std=c++20 (CMake's d2l::d2l asks for it)"
#endif

#include "d2l/autograd.hpp"
#include "d2l/chapter.hpp"
#include "d2l/conv_ops.hpp"
#include "d2l/data.hpp"
#include "d2l/device.hpp"
#include "d2l/error.hpp"
#include "d2l/gluon.hpp"
#include "d2l/ndarray.hpp"
#include "d2l/nn_ops.hpp"
#include "d2l/ops.hpp"
#include "d2l/serialize.hpp"
#include "d2l/shape.hpp"
#include "d2l/utils.hpp"
#include "d2l/vision.hpp"
