// A progress line on stderr for long commands ("12.3k / 100k rows, 4.1M
// rows/s, 2 s left"), redrawn at most five times a second and only when
// stderr is a terminal and --quiet is off, so files and pipes never see it.
// It is the status line (status_line.hpp): output erases it, and so does the
// end of the command.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "environment.hpp"

namespace mlsysim::cli {

class Progress {
 public:
  // `unit`: what is counted, plural ("rows", "fits").
  Progress(const Environment& env, std::string unit);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();  // erases the line

  void operator()(std::uint64_t done, std::uint64_t total);

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::string unit_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now(), last_{};
};

}  // namespace mlsysim::cli
