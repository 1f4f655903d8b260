#include "streaming_table.hpp"

#include <algorithm>

#include <sys/ioctl.h>
#include <unistd.h>

namespace mlsysim::cli {
namespace {

constexpr std::size_t kMeasuredRows = 64;  // column widths come from the first rows
constexpr std::size_t kNarrowestColumn = 6;

std::size_t terminal_columns(std::FILE* out) {
  winsize w{};
  const int fd = fileno(out);
  if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 0;  // not a terminal: no limit
}

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// `cell` cut to `width` characters, the last one "…", at a character boundary.
std::string cut(const std::string& cell, std::size_t width) {
  std::size_t keep = 0, shown = 0;
  while (keep < cell.size() && shown + 1 < width)
    if ((static_cast<unsigned char>(cell[keep++]) & 0xC0) != 0x80) ++shown;
  while (keep < cell.size() && (static_cast<unsigned char>(cell[keep]) & 0xC0) == 0x80) ++keep;
  return cell.substr(0, keep) + "…";
}

}  // namespace

void StreamingTable::add(std::vector<std::string> cells) {
  if (markdown_) return print_markdown(cells);
  if (!widths_.empty()) return print(cells);
  pending_.push_back(std::move(cells));
  if (pending_.size() == kMeasuredRows) flush();
}

void StreamingTable::finish() {
  if (markdown_) {
    if (!started_) print_markdown({});
    return;
  }
  if (widths_.empty()) flush();
}

void StreamingTable::print_markdown(const std::vector<std::string>& cells) {
  auto line = [&](auto&& cell_at) {
    std::string out;
    for (std::size_t i = 0; i < header_.size(); ++i) {
      std::string cell = cell_at(i);
      for (char& c : cell)
        if (c == '|' || c == '\n') c = ' ';
      out += (i ? " | " : "| ") + cell;
    }
    out += " |\n";
    std::fputs(out.c_str(), out_);
  };
  if (!started_) {
    started_ = true;
    line([&](std::size_t i) { return header_[i]; });
    line([](std::size_t) { return std::string("---"); });
  }
  if (!cells.empty()) line([&](std::size_t i) { return i < cells.size() ? cells[i] : std::string(); });
}

void StreamingTable::flush() {
  widths_.assign(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths_.size(); ++i)
      widths_[i] = std::max(widths_[i], display_width(row[i]));
  };
  measure(header_);
  for (const auto& r : pending_) measure(r);
  if (const std::size_t limit = terminal_columns(out_)) {  // shrink the widest columns to fit
    auto total = [&] {
      std::size_t t = 0;
      for (std::size_t w : widths_) t += w + 2;
      return t;
    };
    while (total() > limit) {
      auto widest = std::max_element(widths_.begin(), widths_.end());
      if (*widest <= kNarrowestColumn) break;
      --*widest;
    }
  }
  print(header_);
  std::vector<std::string> rule;
  for (std::size_t w : widths_) rule.emplace_back(w, '-');
  print(rule);
  for (const auto& r : pending_) print(r);
  pending_.clear();
}

void StreamingTable::print(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i) {
    const std::string cell = display_width(cells[i]) > widths_[i] ? cut(cells[i], widths_[i]) : cells[i];
    line += cell;
    if (i + 1 < cells.size()) line.append(widths_[i] - display_width(cell) + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);
}

}  // namespace mlsysim::cli
