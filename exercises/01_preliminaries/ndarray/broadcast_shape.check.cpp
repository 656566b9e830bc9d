// The check of broadcast_shape: for several pairs, the shape it gives is the
// shape of nd::zeros(a) + nd::zeros(b); incompatible pairs throw.
#include "broadcast_shape.hpp"

#include <utility>
#include <vector>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "broadcast_shape", "01_preliminaries/ndarray/broadcast_shape.cpp",
      [](exercise::Checks& check) {
        std::vector<std::pair<Shape, Shape>> pairs = {
            {{2, 1, 3}, {4, 1}}, {{3, 1}, {1, 2}}, {{5}, {2, 3, 1}},   {{2, 3}, {2, 3}},
            {{1}, {4, 5}},       {{}, {2, 2}},     {{4, 1, 1}, {3, 1}}};
        for (const auto& [a, b] : pairs) {
          Shape expected = (nd::zeros(a) + nd::zeros(b)).shape();
          std::string got;
          bool ok = false;
          try {
            Shape s = broadcast_shape(a, b);
            got = shape_str(s);
            ok = s == expected;
          } catch (const std::exception& e) {
            got = std::string("an exception: ") + e.what();
          }
          check.that(
              ok,
              "broadcast_shape(" + shape_str(a) + ", " + shape_str(b) + ") is " +
                  shape_str(expected) + " (got " + got + ")",
              "align the shapes at their LAST axes and pad the shorter one with 1s "
              "in front; on each axis take the length that is not 1");
        }
        std::vector<std::pair<Shape, Shape>> bad = {{{2, 3}, {3, 2}},
                                                    {{2, 1, 3}, {4, 2}}};
        for (const auto& [a, b] : bad) {
          bool threw = false;
          try {
            broadcast_shape(a, b);
          } catch (const std::exception&) {
            threw = true;
          }
          check.that(threw,
                     "broadcast_shape(" + shape_str(a) + ", " + shape_str(b) +
                         ") throws, as nd::zeros(a) + nd::zeros(b) does",
                     "two lengths on one axis that differ and are both above 1 cannot "
                     "broadcast: throw, e.g. std::invalid_argument");
        }
      });
}
