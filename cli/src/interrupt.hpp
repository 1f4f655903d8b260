// Ctrl-C (SIGINT) and SIGTERM during a sweep: the first asks the engine to
// stop at its next chunk (milliseconds), so every row written is whole and
// the command says the output is incomplete and exits 130; a second one
// ends the process at once, as usual.
#pragma once

namespace mlsysim::cli {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers
  ~InterruptGuard();  // restores the previous ones
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static bool raised();
};

// The exit status of a command stopped by SIGINT.
inline constexpr int kInterrupted = 130;

}  // namespace mlsysim::cli
