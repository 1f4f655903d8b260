// Human-readable output: values in convenient units ("7.833 ms", "2.039 TB/s")
// and plain-text tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim::cli {

// "a, b, c"
std::string join(const std::vector<std::string>& items);

// The note under a table too wide for the terminal: which columns were left
// out and how to see them (wrapped, ending in a newline).
std::string columns_left_out(const std::vector<std::string>& left);

// 4 significant digits with a fitting prefix; strings and ids as they are.
std::string human(const Value& value);
std::string human_quantity(double base_value, Dimension dimension);

// Prose beside a table (a title, a footnote): stdout for people, stderr
// when stdout carries csv, jsonl or markdown.
void note(const std::string& text);

// How tables leave the process: aligned text fitted to the terminal (the
// default), Markdown, CSV, or one JSON object per row (set from -o).
enum class TableFormat { kText, kMarkdown, kCsv, kJsonLines };

// One table cell: the text people read, and, when the cell is a value, the
// value itself, which CSV writes as a base-unit number and JSON lines as a
// JSON number, bool, string or null.
struct Cell {
  Cell(std::string shown) : text(std::move(shown)) {}  // NOLINT: implicit by design
  Cell(const char* shown) : text(shown) {}             // NOLINT
  Cell(const Value& v);                                // NOLINT: shown as human(v)
  Cell(const Value& v, std::string shown) : text(std::move(shown)), value(v) {}
  std::string text;
  std::optional<Value> value;
};

class Table {
 public:
  static void set_format(TableFormat format);
  // Whether stdout carries data for a program (csv, jsonl, markdown): then
  // titles and notes go to stderr (see note()).
  static bool machine_readable();
  // Keep only these header columns, in this order, when every name is one
  // (a command that reads the names as outputs filters rows itself).
  static void set_columns(std::vector<std::string> columns);
  // Columns the text form may use: stdout_width() (terminal_text.hpp).
  static std::size_t text_width();
  // Tables of at most this many rows that are too wide for the terminal are
  // shown as records (a line per column) instead of leaving columns out.
  static constexpr std::size_t kMaxRecordRows = 3;
  // The --columns name this table lacks, as a bad_input error naming
  // --columns with the nearest columns; nullopt when all are there.
  std::optional<Error> unknown_column() const;

  // Every table has a header: CSV, Markdown and JSON lines name their
  // columns by it, and every row has its width (short rows are padded).
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<Cell> row) { rows_.push_back(std::move(row)); }
  std::string render() const;

 private:
  Table selected() const;  // the set_columns() view
  std::string render_text() const;
  std::string render_records(std::size_t limit) const;
  std::string render_delimited() const;  // markdown or csv
  std::string render_json_lines() const;
  std::vector<std::string> header_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace mlsysim::cli
