// Initializers: the name-based dispatch of MXNet and the built-in rules. All
// samples come from the global generator, so nd::random::seed repeats them.
#include "d2l/gluon/init.hpp"

#include <cmath>

#include "core/error.hpp"
#include "d2l/ops.hpp"

namespace d2l::gluon {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

void Initializer::fill(const std::string& name, NDArray& data) const {
  if (ends_with(name, "bias") || ends_with(name, "beta") || ends_with(name, "mean")) {
    data.assign(0);
  } else if (ends_with(name, "gamma") || ends_with(name, "var")) {
    data.assign(1);
  } else {
    init_weight(name, data);
  }
}

namespace init {

void Uniform::init_weight(const std::string&, NDArray& data) const {
  data.assign(nd::random::uniform(-scale_, scale_, data.shape(), data.context()));
}

void Normal::init_weight(const std::string&, NDArray& data) const {
  data.assign(nd::random::normal(0, sigma_, data.shape(), data.context()));
}

void Constant::init_weight(const std::string&, NDArray& data) const {
  data.assign(value_);
}

void Xavier::init_weight(const std::string& name, NDArray& data) const {
  const Shape& s = data.shape();
  if (s.size() < 2) {
    detail::fail("init::Xavier", "cannot initialize '", name, "' of shape ", shape_str(s),
                 ": Xavier needs at least 2 axes (out, in, ...)");
  }
  double receptive = 1;  // the kernel size of a convolution, 1 for Dense
  for (size_t i = 2; i < s.size(); ++i) receptive *= double(s[i]);
  const double fan_in = double(s[1]) * receptive, fan_out = double(s[0]) * receptive;
  const float scale = float(std::sqrt(magnitude_ / ((fan_in + fan_out) / 2)));
  data.assign(nd::random::uniform(-scale, scale, s, data.context()));
}

}  // namespace init
}  // namespace d2l::gluon
