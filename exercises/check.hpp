#pragma once
// What an exercise's check uses to say whether an answer works: each check
// prints one line, "ok" or "FAIL" with what was expected, what came out and a
// hint, and the program's exit status is 1 when any check failed.
#include <functional>
#include <string>

#include "d2l/ndarray.hpp"

namespace exercise {

/// Thrown by the starter files where the learner's answer goes; the check
/// reports it as "not done yet" and names the file to edit.
struct NotDone {
  std::string what;
};

/// The line a starter file puts where the answer goes: `exercise::todo("softmax")`.
[[noreturn]] void todo(const std::string& what);

/// The checks of one exercise, printed as they run.
class Checks {
 public:
  /// `that(ok, what)`: one check of a fact, `what` saying it in words.
  void that(bool ok, const std::string& what, const std::string& hint = "");
  /// `got` equals `expected` within `tol` elementwise, shapes included.
  void close(const d2l::NDArray& got, const d2l::NDArray& expected,
             const std::string& what, const std::string& hint = "", float tol = 1e-4f);
  /// A number within `tol` of another.
  void close(double got, double expected, const std::string& what,
             const std::string& hint = "", double tol = 1e-4);
  /// How many checks failed so far.
  int failures() const { return failures_; }
  /// How many ran.
  int count() const { return count_; }

 private:
  int failures_ = 0, count_ = 0;
};

/// Runs the checks of the exercise `name`, whose answer is in `file` (relative
/// to exercises/), and returns the exit status: 0 when every check passed, 1
/// otherwise (an answer not written yet, or an error it threw, included).
int run(const std::string& name, const std::string& file,
        const std::function<void(Checks&)>& checks);

/// An array as a short string, `[[0.269, 0.731]] (1, 2)`, for messages.
std::string show(const d2l::NDArray& x);

}  // namespace exercise
