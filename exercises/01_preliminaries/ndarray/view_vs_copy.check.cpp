// The check of view_vs_copy: the flat view has X's values and shape (6), and a
// write into it shows up in X; the row has X's first row, and a write into it
// leaves X as it was.
#include "view_vs_copy.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "view_vs_copy", "01_preliminaries/ndarray/view_vs_copy.cpp",
      [](exercise::Checks& check) {
        NDArray X{{0, 1, 2}, {3, 4, 5}};
        NDArray v = flat_view(X);
        check.close(v, NDArray{0, 1, 2, 3, 4, 5},
                    "flat_view of a (2, 3) array holds its 6 values in row-major order, "
                    "shape (6)",
                    "X.reshape({-1}) (or {6}): one axis, the rows one after the other");
        v[{slice(0, 1)}] = 100;
        check.close(X, NDArray{{100, 1, 2}, {3, 4, 5}},
                    "writing 100 into element 0 of the flat view changes X[0, 0] too",
                    "the view must share X's storage: reshape does, X.copy() or "
                    "nd::array(X.to_vector()) makes a separate array");

        NDArray Y{{0, 1, 2}, {3, 4, 5}};
        NDArray r = first_row(Y);
        check.close(r, NDArray{0, 1, 2}, "first_row of Y is (0, 1, 2), shape (3)",
                    "Y[{0}] selects row 0 and drops that axis");
        check.that(r.storage_id() != Y.storage_id(),
                   "the row has storage of its own (storage_id differs from Y's)",
                   "read the selection, Y[{0}], which copies; reshape would share");
        r[{slice(0, 1)}] = -7;
        check.close(Y, NDArray{{0, 1, 2}, {3, 4, 5}},
                    "writing -7 into the row leaves Y unchanged",
                    "a copy must not write back into Y");
      });
}
