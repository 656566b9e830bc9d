// The reference answer to add_in_place.cpp.
#include "add_in_place.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

void add_in_place(NDArray& Y, const NDArray& X) {
  Y += X;  // compound assignment writes into Y's storage
}

void double_and_add_in_place(NDArray& Y, const NDArray& X) {
  Y *= 2;  // both steps in place: no temporary for Y * 2
  Y += X;
}
