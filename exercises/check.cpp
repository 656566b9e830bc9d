#include "check.hpp"

#include <cmath>
#include <exception>
#include <iostream>
#include <sstream>

#include "d2l/error.hpp"

namespace exercise {

void todo(const std::string& what) { throw NotDone{what}; }

namespace {

void report(bool ok, const std::string& what, const std::string& detail,
            const std::string& hint) {
  std::cout << (ok ? "  ok    " : "  FAIL  ") << what << "\n";
  if (ok) return;
  if (!detail.empty()) std::cout << "        " << detail << "\n";
  if (!hint.empty()) std::cout << "        hint: " << hint << "\n";
}

}  // namespace

std::string show(const d2l::NDArray& x) {
  if (!x.defined()) return "an empty NDArray";
  std::ostringstream os;
  const auto v = x.to_vector();
  os << "[";
  for (size_t i = 0; i < v.size() && i < 8; ++i) os << (i ? ", " : "") << v[i];
  if (v.size() > 8) os << ", ...";
  os << "] shape " << d2l::shape_str(x.shape());
  return os.str();
}

void Checks::that(bool ok, const std::string& what, const std::string& hint) {
  ++count_;
  failures_ += !ok;
  report(ok, what, "", hint);
}

void Checks::close(const d2l::NDArray& got, const d2l::NDArray& expected,
                   const std::string& what, const std::string& hint, float tol) {
  ++count_;
  bool ok = got.defined() && got.shape() == expected.shape();
  if (ok) {
    const auto g = got.to_vector(), e = expected.to_vector();
    for (size_t i = 0; i < g.size() && ok; ++i) {
      ok = std::abs(g[i] - e[i]) <= tol * (1 + std::abs(e[i]));  // NaN fails too
    }
  }
  failures_ += !ok;
  report(ok, what, "expected " + show(expected) + ", got " + show(got), hint);
}

void Checks::close(double got, double expected, const std::string& what,
                   const std::string& hint, double tol) {
  ++count_;
  const bool ok = std::abs(got - expected) <= tol * (1 + std::abs(expected));
  failures_ += !ok;
  std::ostringstream detail;
  detail << "expected " << expected << ", got " << got;
  report(ok, what, detail.str(), hint);
}

int run(const std::string& name, const std::string& file,
        const std::function<void(Checks&)>& checks) {
  std::cout << "exercise " << name << " (your answer: exercises/" << file << ")\n";
  Checks c;
  try {
    checks(c);
  } catch (const NotDone& e) {
    std::cout << "  not done yet: " << e.what << " still calls exercise::todo(); write "
              << "your answer in exercises/" << file << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cout << "  FAIL  your answer threw an error: " << e.what() << "\n";
    return 1;
  }
  if (c.failures() == 0) {
    std::cout << "passed: all " << c.count() << " checks\n";
    return 0;
  }
  std::cout << c.failures() << " of " << c.count() << " checks failed\n";
  return 1;
}

}  // namespace exercise
