// The one status line a command draws on the terminal's stderr (a sweep's
// progress). Whatever is printed to the terminal next erases it first, so
// output never lands glued to the end of a half-drawn status.
#pragma once

#include <cstdio>
#include <string_view>

namespace mlsysim::cli::status_line {

// Draws `text` over the current status line.
void show(std::string_view text);

// Erases the status line if one is shown (nothing otherwise).
void erase();

// erase(), when `out` is a terminal: call before writing to `out`.
void erase_before_writing_to(std::FILE* out);

}  // namespace mlsysim::cli::status_line
