#include "status_line.hpp"

#include <unistd.h>

#include <mutex>

#include <fmt/format.h>

namespace mlsysim::cli::status_line {
namespace {

std::mutex mutex;  // the engine reports progress and writes rows from its writer thread
bool shown = false;

}  // namespace

void show(std::string_view text) {
  std::lock_guard lock(mutex);
  fmt::print(stderr, "\r\033[K{}", text);
  std::fflush(stderr);
  shown = true;
}

void erase() {
  std::lock_guard lock(mutex);
  if (!shown) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  shown = false;
}

void erase_before_writing_to(std::FILE* out) {
  if (isatty(fileno(out))) erase();
}

}  // namespace mlsysim::cli::status_line
