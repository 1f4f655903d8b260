#include "interrupt.hpp"

#include <atomic>
#include <csignal>

namespace mlsysim::cli {
namespace {

std::atomic<bool> interrupted{false};
struct sigaction previous_int {}, previous_term {};

extern "C" void on_interrupt(int signal) {
  interrupted.store(true);
  std::signal(signal, SIG_DFL);  // a second one ends the process
}

}  // namespace

InterruptGuard::InterruptGuard() {
  interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

bool InterruptGuard::raised() { return interrupted.load(); }

}  // namespace mlsysim::cli
