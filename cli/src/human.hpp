// Human-readable output: values in convenient units ("7.833 ms", "2.039 TB/s")
// and plain-text tables.
#pragma once

#include <string>
#include <vector>

#include "mlsysim/framework/value.hpp"

namespace mlsysim::cli {

// "a, b, c"
std::string join(const std::vector<std::string>& items);

// `text` broken into lines of at most Table::text_width() columns at spaces
// (unchanged when the width is unlimited).
std::string wrap(const std::string& text);

// 4 significant digits with a fitting prefix; strings and ids as they are.
std::string human(const Value& value);
std::string human_quantity(double base_value, Dimension dimension);

// How tables leave the process: aligned text fitted to the terminal (the
// default), Markdown, CSV, or one JSON object per row (set from -o).
enum class TableFormat { kText, kMarkdown, kCsv, kJsonLines };

class Table {
 public:
  static void set_format(TableFormat format);
  // Keep only these header columns, in this order, when every name is one
  // (a command that reads the names as outputs filters rows itself).
  static void set_columns(std::vector<std::string> columns);
  // Columns the text form may use: $COLUMNS, else the terminal's width when
  // stdout is one, else unlimited (0).
  static std::size_t text_width();

  Table() = default;  // no header row (a report's label/value lines)
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const;

 private:
  Table selected() const;  // the set_columns() view
  std::string render_text() const;
  std::string render_delimited() const;  // markdown or csv
  std::string render_json_lines() const;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace mlsysim::cli
