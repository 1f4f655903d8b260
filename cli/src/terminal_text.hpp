// Text for a terminal: display widths of UTF-8, cutting and wrapping to a
// width, the width stdout is shown at, and remark lines for stderr.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlsysim::cli {

// Display columns of UTF-8 text (one per character: lead bytes counted).
std::size_t display_width(const std::string& s);
// Cut to `n` display columns, ending in "…" when something was cut.
std::string cut_to_width(const std::string& s, std::size_t n);
// `text` in lines of at most `limit` display columns, broken at spaces (a
// word longer than a line is cut with "…").
std::vector<std::string> wrap_lines(const std::string& text, std::size_t limit);

// Columns stdout is shown at: $COLUMNS, else the terminal's width when
// stdout is one, else unlimited (0).
std::size_t stdout_width();
// `text` broken into lines of at most stdout_width() columns at spaces
// (unchanged when the width is unlimited).
std::string wrap(const std::string& text);
// "mlsysim: KIND: message\n" for stderr, broken at spaces to fit the
// terminal stderr is on (continuation lines indented two spaces); one line
// when stderr is not a terminal, so logs and greps see whole messages.
std::string remark_line(std::string_view kind, const std::string& message);

}  // namespace mlsysim::cli
