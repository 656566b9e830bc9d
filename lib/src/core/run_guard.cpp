#include "core/run_guard.hpp"

#include <cstdlib>
#include <exception>
#include <iostream>

namespace d2l::detail {

namespace {

RunRecord* active_run = nullptr;                    // the run the handler reports
std::terminate_handler previous_handler = nullptr;  // restored when it ends

[[noreturn]] void report_uncaught() {
  std::string what = "an unknown error";
  if (auto e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& error) {
      what = error.what();
    } catch (...) {
    }
  }
  std::string name = "chapter", where;
  if (active_run) {
    name = active_run->program();
    if (!active_run->current_section().empty())
      where = " in section \"" + active_run->current_section() + "\"";
    active_run->finish();  // puts std::cout back and saves what was printed
  }
  std::cout.flush();
  std::cerr << "\n" << name << ": the run stopped" << where << ":\n  " << what << "\n";
  if (active_run) {
    std::cerr << "What it printed before is in " << active_run->folder()
              << "/sections.json.\n";
  }
  std::_Exit(1);
}

}  // namespace

void guard_run(RunRecord* run) {
  active_run = run;
  std::terminate_handler before = std::set_terminate(report_uncaught);
  if (before != report_uncaught) previous_handler = before;
}

void unguard_run(const RunRecord* run) {
  if (run == nullptr || active_run != run) return;
  active_run = nullptr;
  std::set_terminate(previous_handler);
}

void hand_over_guard(const RunRecord* from, RunRecord* to) {
  if (from != nullptr && active_run == from) active_run = to;
}

}  // namespace d2l::detail
