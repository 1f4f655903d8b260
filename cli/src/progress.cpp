#include "progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "mlsysim/registry/sweep_space.hpp"
#include "status_line.hpp"

namespace mlsysim::cli {

Progress::Progress(const Environment& env, std::string unit)
    : enabled_(isatty(STDERR_FILENO) && !env.quiet()), unit_(std::move(unit)) {}

Progress::~Progress() {
  if (shown_) status_line::erase();  // the result is what stays on screen
}

void Progress::operator()(std::uint64_t done, std::uint64_t total) {
  const auto now = Clock::now();
  if (!enabled_ || (now - last_ < std::chrono::milliseconds(200) && done < total)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  status_line::show(fmt::format("{} / {} {}, {:.3g} {}/s, {:.0f} s left", count_text(done), count_text(total),
                                unit_, rate, unit_, left));
  shown_ = true;
}

}  // namespace mlsysim::cli
