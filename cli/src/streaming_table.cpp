#include "streaming_table.hpp"

#include <algorithm>

#include <unistd.h>

#include "human.hpp"
#include "status_line.hpp"

namespace mlsysim::cli {
namespace {

constexpr std::size_t kMeasuredRows = 64;  // column widths come from the first rows

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

StreamingTable::StreamingTable(std::vector<std::string> header, std::FILE* out, bool markdown)
    : header_(std::move(header)), out_(out), markdown_(markdown), terminal_(isatty(fileno(out)) != 0) {}

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
  if (!left_out_.empty()) note(columns_left_out(left_out_));  // under the table, as Table puts it
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
    if (terminal_) status_line::erase();
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
  // Fit the terminal as Table does: leave out columns from the right, and
  // say which; values are never cut.
  const std::size_t limit = terminal_ ? Table::text_width() : 0;
  auto total = [&](std::size_t n) {
    std::size_t t = 0;
    for (std::size_t i = 0; i < n; ++i) t += widths_[i] + (i ? 2 : 0);
    return t;
  };
  std::size_t shown = widths_.size();
  while (limit > 0 && shown > 1 && total(shown) > limit) --shown;
  left_out_.assign(header_.begin() + static_cast<std::ptrdiff_t>(shown), header_.end());
  widths_.resize(shown);
  print(header_);
  std::vector<std::string> rule;
  for (std::size_t w : widths_) rule.emplace_back(w, '-');
  print(rule);
  for (const auto& r : pending_) print(r);
  pending_.clear();
}

// A row in the measured widths; a later cell wider than its column is
// printed whole, pushing the rest of its line right.
void StreamingTable::print(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i) {
    line += cells[i];
    if (i + 1 < widths_.size()) line.append(widths_[i] - std::min(widths_[i], display_width(cells[i])) + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  line += '\n';
  if (terminal_) status_line::erase();
  std::fwrite(line.data(), 1, line.size(), out_);
}

}  // namespace mlsysim::cli
