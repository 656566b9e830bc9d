// A chapter run that nothing catches an error of ends with its message, the
// section it stopped in and status 1, after saving what it printed, instead of
// std::terminate's abort (status 134).
#pragma once

#include <string>

namespace d2l::detail {

// What the handler needs of a run (Chapter::State, which is private to Chapter).
struct RunRecord {
  virtual ~RunRecord() = default;
  virtual void finish() = 0;  // puts std::cout back and saves the files
  virtual const std::string& program() const = 0;
  virtual const std::string& folder() const = 0;
  virtual const std::string& current_section() const = 0;
};

// Makes `run` the one an uncaught error reports (installs the handler).
void guard_run(RunRecord* run);
// Ends the guard of `run`, if it has it (puts the previous handler back).
void unguard_run(const RunRecord* run);
// `to` takes the guard of `from`, if it has it (a Chapter moved into another).
void hand_over_guard(const RunRecord* from, RunRecord* to);

}  // namespace d2l::detail
