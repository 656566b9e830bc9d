// Exercise 4 of "Automatic differentiation": by default each backward()
// overwrites x.grad(). With x.attach_grad(GradReq::add) it adds to it instead,
// which is how a large batch can be split into small ones that fit in memory.
// Record f(x) and back-propagate `times` times, recording afresh each time, and
// return the accumulated gradient.
//
// Check it: bash scripts/exercise.sh accumulate_grad
#include "accumulate_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

NDArray accumulate_grad(NDArray x, const std::function<NDArray(const NDArray&)>& f,
                        int times) {
  exercise::todo("accumulate_grad");  // your answer here: replace this line
}
