#include "terminal_text.hpp"

#include <cstdlib>
#include <sstream>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace mlsysim::cli {

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string cut_to_width(const std::string& s, std::size_t n) {
  if (display_width(s) <= n) return s;
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool lead = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (lead && ++shown > n - 1) break;
    out += s[i];
  }
  return out + "…";
}

std::vector<std::string> wrap_lines(const std::string& text, std::size_t limit) {
  std::vector<std::string> lines(1);
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    word = cut_to_width(word, limit);
    if (!lines.back().empty() && display_width(lines.back()) + 1 + display_width(word) > limit) lines.emplace_back();
    lines.back() += (lines.back().empty() ? "" : " ") + word;
  }
  return lines;
}

std::size_t stdout_width() {
  if (const char* columns = std::getenv("COLUMNS"))
    if (const long n = std::strtol(columns, nullptr, 10); n > 0) return static_cast<std::size_t>(n);
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 0;
}

std::string wrap(const std::string& text) {
  const std::size_t limit = stdout_width();
  if (limit == 0) return text;
  std::string out;
  for (const std::string& line : wrap_lines(text, limit)) out += (out.empty() ? "" : "\n") + line;
  return out;
}

std::string remark_line(std::string_view kind, const std::string& message) {
  std::string text = fmt::format("mlsysim: {}: {}", kind, message);
  winsize size{};
  if (!isatty(STDERR_FILENO) || ioctl(STDERR_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col < 20) return text + '\n';
  const std::size_t limit = size.ws_col;
  std::string out, line;
  std::istringstream words(text);
  for (std::string word; words >> word;) {  // a word wider than the line stays whole
    if (!line.empty() && display_width(line) + 1 + display_width(word) > limit) {
      out += line + '\n';
      line = "  ";
    }
    line += (line.empty() || line == "  " ? "" : " ") + word;
  }
  return out + line + '\n';
}

}  // namespace mlsysim::cli
