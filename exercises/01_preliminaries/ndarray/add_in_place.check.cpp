// The check of add_in_place: the values are Y + X and Y * 2 + X, Y keeps its
// storage, and a second handle to Y sees the change.
#include "add_in_place.hpp"

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "add_in_place", "01_preliminaries/ndarray/add_in_place.cpp",
      [](exercise::Checks& check) {
        const std::string rebind_hint =
            "Y = Y + X (or Y = nd::add(Y, X)) builds a new array and points Y at it; "
            "use Y += X, or nd::elemwise_add(Y, X, Y), which write into Y";
        NDArray X{{1, 2, 3}, {4, 5, 6}};
        NDArray Y{{10, 20, 30}, {40, 50, 60}};
        NDArray alias = Y;  // a second handle to Y's elements
        const void* before = Y.storage_id();
        add_in_place(Y, X);
        check.close(Y, NDArray{{11, 22, 33}, {44, 55, 66}},
                    "add_in_place makes Y equal to Y + X");
        check.that(Y.storage_id() == before,
                   "after add_in_place, Y.storage_id() is unchanged", rebind_hint);
        check.close(alias, NDArray{{11, 22, 33}, {44, 55, 66}},
                    "another handle to Y's storage sees Y + X", rebind_hint);

        NDArray Z{{1, 1, 1}, {2, 2, 2}};
        NDArray z_alias = Z;
        before = Z.storage_id();
        NDArray row{1, 2, 3};  // broadcast over the rows
        double_and_add_in_place(Z, row);
        check.close(
            Z, NDArray{{3, 4, 5}, {5, 6, 7}},
            "double_and_add_in_place makes Z equal to Z * 2 + X (X a row, broadcast)",
            "double first, then add: (Z * 2) + X, not (Z + X) * 2");
        check.that(Z.storage_id() == before,
                   "after double_and_add_in_place, Z.storage_id() is unchanged",
                   "Z = Z * 2 + X allocates twice; Z *= 2 then Z += X allocate nothing");
        check.close(z_alias, NDArray{{3, 4, 5}, {5, 6, 7}},
                    "another handle to Z's storage sees Z * 2 + X", rebind_hint);
      });
}
