// The check of accumulate_grad: for f(x) = sum(x * x), whose gradient is 2x,
// k backward calls leave k * 2x; for f = 3x + 1 they leave 3k. A fresh x starts
// from zero.
#include "accumulate_grad.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "accumulate_grad", "01_preliminaries/autograd/accumulate_grad.cpp",
      [](exercise::Checks& check) {
        auto square = [](const NDArray& v) { return (v * v).sum(); };
        auto affine = [](const NDArray& v) { return v * 3 + 1; };
        const std::string add_hint =
            "attach the gradient with x.attach_grad(GradReq::add); the default "
            "GradReq::write keeps only the last backward's gradient";
        NDArray x{1, 2, 3};
        check.close(accumulate_grad(x, square, 1), NDArray{2, 4, 6},
                    "one backward of sum(x * x) gives 2x = (2, 4, 6)");
        check.close(accumulate_grad(NDArray{1, 2, 3}, square, 2), NDArray{4, 8, 12},
                    "two backwards of sum(x * x) give 2 * 2x = (4, 8, 12)", add_hint);
        check.close(accumulate_grad(NDArray{{1, -1}, {0, 5}}, affine, 3),
                    NDArray{{9, 9}, {9, 9}},
                    "three backwards of 3x + 1 give 3 * 3 = 9 everywhere", add_hint);
        NDArray again{1, 2, 3};
        accumulate_grad(again, square, 2);
        check.close(accumulate_grad(again, square, 2), NDArray{4, 8, 12},
                    "calling it again on the same x starts from zero: (4, 8, 12), not "
                    "(8, 16, 24)",
                    "attach_grad() inside accumulate_grad resets the buffer; don't keep "
                    "a gradient from an earlier call");
      });
}
