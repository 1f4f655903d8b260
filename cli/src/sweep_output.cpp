#include "sweep_output.hpp"

#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "human.hpp"
#include "mlsysim/registry/sweep_sinks.hpp"

namespace mlsysim::cli {
namespace {

constexpr char kCell = '\x1f';             // between cells of a formatted row
constexpr std::size_t kMeasuredRows = 64;  // column widths come from the first rows

std::size_t terminal_columns() {
  winsize w{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 0;  // not a terminal: no limit
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A table whose widths come from the header and the first rows, fitted to
// the terminal; later rows are padded to those widths (cut with "…" when the
// terminal is too narrow for them).
class TableSweepSink final : public TextSweepSink {
 public:
  TableSweepSink(const SweepEngine& engine, std::FILE* out) : TextSweepSink(engine, out) {
    for (const SweepAxis& a : engine.space().axes()) header_.push_back(a.name());
    for (const std::string& c : engine.column_names()) header_.push_back(c);
  }
  void format(const SweepRow& row, std::string& out) const override {
    const auto& axes = engine_.space().axes();
    for (std::size_t a = 0; a < axes.size(); ++a) {
      axes[a].append_label(row.position[a], out);
      out += kCell;
    }
    for (std::size_t c : engine_.columns()) (out += human(row.outputs.begin()[c].value)) += kCell;
    out += '\n';
  }
  void write(std::string_view text) override {
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::vector<std::string> cells;
      std::string_view line = text.substr(0, end);
      for (std::size_t at; (at = line.find(kCell)) != std::string_view::npos; line.remove_prefix(at + 1))
        cells.emplace_back(line.substr(0, at));
      text.remove_prefix(end + 1);
      if (widths_.empty()) {
        pending_.push_back(std::move(cells));
        if (pending_.size() == kMeasuredRows) flush();
      } else {
        print(cells);
      }
    }
  }
  void finish() {
    if (widths_.empty()) flush();
  }

 private:
  void flush() {
    widths_.assign(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
      for (std::size_t i = 0; i < row.size() && i < widths_.size(); ++i)
        widths_[i] = std::max(widths_[i], display_width(row[i]));
    };
    measure(header_);
    for (const auto& r : pending_) measure(r);
    if (const std::size_t limit = terminal_columns()) {  // shrink the widest columns to fit
      auto total = [&] { std::size_t t = 0; for (std::size_t w : widths_) t += w + 2; return t; };
      while (total() > limit) {
        auto widest = std::max_element(widths_.begin(), widths_.end());
        if (*widest <= 6) break;
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
  void print(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i) {
      std::string cell = cells[i];
      if (display_width(cell) > widths_[i]) {  // cut at a character boundary
        std::size_t keep = 0, shown = 0;
        while (keep < cell.size() && shown + 1 < widths_[i])
          if ((static_cast<unsigned char>(cell[keep++]) & 0xC0) != 0x80) ++shown;
        while (keep < cell.size() && (static_cast<unsigned char>(cell[keep]) & 0xC0) == 0x80) ++keep;
        cell = cell.substr(0, keep) + "…";
      }
      line += cell;
      if (i + 1 < cells.size()) line.append(widths_[i] - display_width(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    line += '\n';
    TextSweepSink::write(line);
  }

  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> pending_;
  std::vector<std::size_t> widths_;
};

}  // namespace

int write_sweep(Environment& env, const SweepEngine& engine, const SweepOptions& options, bool first_piece,
                bool last_piece) {
  std::unique_ptr<TextSweepSink> sink;
  const std::string& format = env.output();
  if (format == "csv") sink = std::make_unique<CsvSweepSink>(engine, stdout);
  else if (format == "jsonl") sink = std::make_unique<JsonLinesSweepSink>(engine, stdout);
  else if (format == "json") sink = std::make_unique<JsonSweepSink>(engine, stdout);
  else sink = std::make_unique<TableSweepSink>(engine, stdout);
  if (first_piece) sink->write(sink->header());
  const SweepStats stats = engine.run(*sink, options);
  if (auto* table = dynamic_cast<TableSweepSink*>(sink.get())) table->finish();
  if (last_piece) sink->write(sink->footer());
  std::fflush(stdout);
  int code = kOk;
  for (const SweepError& e : stats.errors) {
    fmt::print(stderr, "mlsysim: error: {} row(s) failed, the first at {}: {}\n", e.count, e.first_combination,
               describe(e.error));
    code = std::max(code, exit_code_for(e.error));
  }
  if (!sink->ok() || std::ferror(stdout)) {
    fmt::print(stderr, "mlsysim: error: writing the output failed (disk full or output closed)\n");
    return kBadInput;
  }
  return code;
}

}  // namespace mlsysim::cli
