// MaxPool2D, AvgPool2D and GlobalAvgPool2D: nd::pooling with fixed options.
#include "d2l/gluon/nn/pooling.hpp"

#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

namespace {

std::string pair_str(Pair2 p) { return detail::cat("(", p.h, ", ", p.w, ")"); }

Pair2 strides_of(const Pool2DOptions& o) {
  return o.strides == Pair2() ? o.pool_size : o.strides;
}

nd::PoolingOptions pooling_options(const Pool2DOptions& o, const char* type) {
  return {.kernel = o.pool_size, .stride = strides_of(o), .pad = o.padding, .type = type};
}

// Checks the options at construction, so that a bad layer fails where it is
// made (the error names the layer). Setters check only the sizes on their own
// (`MaxPool2D().padding(2).pool_size(5)` passes through padding 2 with window
// 2), and forward checks the whole again.
void check(const Pool2DOptions& o, const char* type, bool whole = true) {
  if (o.pool_size.h < 1 || o.pool_size.w < 1) {
    detail::fail(type, "pool_size must be positive, got ", pair_str(o.pool_size));
  }
  Pair2 s = strides_of(o);
  if (s.h < 1 || s.w < 1)
    detail::fail(type, "strides must be positive, got ", pair_str(s));
  if (o.padding.h < 0 || o.padding.w < 0 ||
      (whole && (o.padding.h >= o.pool_size.h || o.padding.w >= o.pool_size.w))) {
    detail::fail(type, "padding must be >= 0 and smaller than pool_size ",
                 pair_str(o.pool_size), ", got ", pair_str(o.padding));
  }
}

Pool2DOptions checked(const Pool2DOptions& o, const char* type) {
  check(o, type, /*whole=*/false);
  return o;
}

// Gluon's printing of a pooling layer.
std::string pool_repr(const std::string& name, Pair2 size, Pair2 stride, Pair2 pad,
                      bool global, const char* type) {
  return name + "(size=" + pair_str(size) + ", stride=" + pair_str(stride) +
         ", padding=" + pair_str(pad) + ", ceil_mode=" + (global ? "True" : "False") +
         ", global_pool=" + (global ? "True" : "False") + ", pool_type=" + type +
         ", layout=NCHW)";
}

}  // namespace

MaxPool2D::MaxPool2D(const Pool2DOptions& options) : options_(options) {
  check(options, "nn::MaxPool2D");
}

MaxPool2D::MaxPool2D(Pair2 pool_size, Pair2 strides, Pair2 padding)
    : MaxPool2D(Pool2DOptions{
          .pool_size = pool_size, .strides = strides, .padding = padding}) {}

MaxPool2D& MaxPool2D::pool_size(Pair2 size) & {
  options_ = checked({size, options_.strides, options_.padding}, "nn::MaxPool2D");
  return *this;
}

MaxPool2D& MaxPool2D::strides(Pair2 s) & {
  options_ = checked({options_.pool_size, s, options_.padding}, "nn::MaxPool2D");
  return *this;
}

MaxPool2D& MaxPool2D::padding(Pair2 p) & {
  options_ = checked({options_.pool_size, options_.strides, p}, "nn::MaxPool2D");
  return *this;
}

NDArray MaxPool2D::forward(const NDArray& x) {
  check(options_, "nn::MaxPool2D");
  return nd::pooling(x, pooling_options(options_, "max"));
}

std::string MaxPool2D::repr() const {
  const auto& o = options_;
  return pool_repr("MaxPool2D", o.pool_size, strides_of(o), o.padding, false, "max");
}

AvgPool2D::AvgPool2D(const Pool2DOptions& options) : options_(options) {
  check(options, "nn::AvgPool2D");
}

AvgPool2D::AvgPool2D(Pair2 pool_size, Pair2 strides, Pair2 padding)
    : AvgPool2D(Pool2DOptions{
          .pool_size = pool_size, .strides = strides, .padding = padding}) {}

AvgPool2D& AvgPool2D::pool_size(Pair2 size) & {
  options_ = checked({size, options_.strides, options_.padding}, "nn::AvgPool2D");
  return *this;
}

AvgPool2D& AvgPool2D::strides(Pair2 s) & {
  options_ = checked({options_.pool_size, s, options_.padding}, "nn::AvgPool2D");
  return *this;
}

AvgPool2D& AvgPool2D::padding(Pair2 p) & {
  options_ = checked({options_.pool_size, options_.strides, p}, "nn::AvgPool2D");
  return *this;
}

NDArray AvgPool2D::forward(const NDArray& x) {
  check(options_, "nn::AvgPool2D");
  return nd::pooling(x, pooling_options(options_, "avg"));
}

std::string AvgPool2D::repr() const {
  const auto& o = options_;
  return pool_repr("AvgPool2D", o.pool_size, strides_of(o), o.padding, false, "avg");
}

NDArray GlobalAvgPool2D::forward(const NDArray& x) {
  return nd::pooling(x, {.type = "avg", .global = true});
}

std::string GlobalAvgPool2D::repr() const {
  return pool_repr("GlobalAvgPool2D", 1, 1, 0, true, "avg");
}

}  // namespace d2l::gluon::nn
