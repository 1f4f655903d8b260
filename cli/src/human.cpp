#include "human.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <cmath>


#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/suggest.hpp"
#include "status_line.hpp"
#include "terminal_text.hpp"

namespace mlsysim::cli {
namespace {

struct Prefix {
  double scale;
  const char* text;
};
constexpr std::array<Prefix, 11> kPrefixes{{{1e18, "E"}, {1e15, "P"}, {1e12, "T"}, {1e9, "G"},
                                            {1e6, "M"}, {1e3, "k"}, {1, ""}, {1e-3, "m"},
                                            {1e-6, "µ"}, {1e-9, "n"}, {1e-12, "p"}}};

std::string with_prefix(double v, const std::string& symbol, bool allow_small, bool allow_large) {
  if (!std::isfinite(v)) return fmt::format("{} {}", v, symbol);
  if (v == 0) return fmt::format("0 {}", symbol);
  for (const Prefix& p : kPrefixes) {
    if (!allow_large && p.scale > 1) continue;
    if (!allow_small && p.scale < 1) break;
    if (std::fabs(v) >= p.scale * 0.9995 || (p.scale == 1e-12)) {
      return fmt::format("{:.4g} {}{}", v / p.scale, p.text, symbol);
    }
  }
  return fmt::format("{:.4g} {}", v, symbol);
}

}  // namespace

std::string human_quantity(double v, Dimension d) {
  if (d == dims::time) return with_prefix(v, "s", true, false);
  if (d == dims::bytes) return with_prefix(v, "B", false, true);
  if (d == dims::byte_rate) return with_prefix(v, "B/s", false, true);
  if (d == dims::flops) return with_prefix(v, "FLOP", false, true);
  if (d == dims::flop_rate) return with_prefix(v, "FLOP/s", false, true);
  if (d == dims::energy) return with_prefix(v, "J", true, true);
  if (d == dims::power) return with_prefix(v, "W", true, true);
  if (d == dims::frequency) return with_prefix(v, "/s", false, true);  // "17.1 k/s"
  if (d.dimensionless()) return fmt::format("{:.4g}", v);
  return fmt::format("{:.4g} {}", v, d.unit_symbol());
}

std::string human(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kNull: return "-";
    case ValueKind::kNumber: return fmt::format("{:.4g}", *value.if_number());
    case ValueKind::kInteger: return fmt::format("{}", *value.if_integer());
    case ValueKind::kBoolean: return *value.if_boolean() ? "yes" : "no";
    case ValueKind::kString: return *value.if_string();
    case ValueKind::kQuantity:
      return human_quantity(value.if_quantity()->value, value.if_quantity()->dimension);
    case ValueKind::kHardware: return (*value.if_hardware())->id;
    case ValueKind::kModel: return (*value.if_model())->id;
    case ValueKind::kSpec: return (*value.if_spec())->id;
    case ValueKind::kStrings: return value.if_strings()->empty() ? "-" : fmt::format("{}", fmt::join(*value.if_strings(), ", "));
    case ValueKind::kRecords: {  // "5 candidates: tp 8, pp 1, ...; ..." would not fit: the count and the first
      const RecordList& list = *value.if_records();
      if (list.empty()) return "-";
      std::string first;
      for (const Record::Field& f : list.front())
        first += fmt::format("{}{} {}", first.empty() ? "" : ", ", f.name.view(), human(f.value));
      return fmt::format("{} record(s); first: {}", list.size(), first);
    }
    case ValueKind::kTable: {
      std::string out;
      for (const auto& [key, number] : *value.if_table())
        out += fmt::format("{}{} {:.4g}", out.empty() ? "" : ", ", key, number);
      return out.empty() ? "-" : out;
    }
  }
  return "-";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

namespace {
TableFormat g_format = TableFormat::kText;

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<std::string> g_columns;

void Table::set_format(TableFormat format) { g_format = format; }
bool Table::machine_readable() { return g_format != TableFormat::kText; }

void note(const std::string& text) {
  std::FILE* out = Table::machine_readable() ? stderr : stdout;
  status_line::erase_before_writing_to(out);
  fmt::print(out, "{}", text);
}
void Table::set_columns(std::vector<std::string> columns) { g_columns = std::move(columns); }

Cell::Cell(const Value& v) : text(human(v)), value(v) {}

std::optional<Error> Table::unknown_column() const {
  for (const std::string& name : g_columns)
    if (std::find(header_.begin(), header_.end(), name) == header_.end())
      return Error::bad_input("--columns", fmt::format("there is no column '{}'{} (the columns: {})", name,
                                                       did_you_mean(name, header_), join(header_)));
  return std::nullopt;
}

Table Table::selected() const {
  std::vector<std::size_t> keep;
  for (const std::string& name : g_columns) {
    auto it = std::find(header_.begin(), header_.end(), name);
    if (it == header_.end()) return *this;
    keep.push_back(static_cast<std::size_t>(it - header_.begin()));
  }
  Table out({});
  for (std::size_t k : keep) out.header_.push_back(header_[k]);
  for (const auto& row : rows_) {
    std::vector<Cell> r;
    for (std::size_t k : keep) r.push_back(k < row.size() ? row[k] : Cell(""));
    out.rows_.push_back(std::move(r));
  }
  return out;
}

namespace {
// A cell as CSV writes it: a value in base units with full precision, else its text.
std::string machine_text(const Cell& cell) {
  if (!cell.value) return cell.text;
  const Value& v = *cell.value;
  switch (v.kind()) {
    case ValueKind::kNull: return "";
    case ValueKind::kNumber: return fmt::format("{}", *v.if_number());
    case ValueKind::kQuantity: return fmt::format("{}", v.if_quantity()->value);
    case ValueKind::kInteger: return fmt::format("{}", *v.if_integer());
    case ValueKind::kBoolean: return *v.if_boolean() ? "true" : "false";
    case ValueKind::kString: return *v.if_string();
    default: return cell.text;
  }
}

// A cell as JSON lines write it: a value as a JSON number (base units),
// bool, string or null; else its text as a string.
void append_json_cell(std::string& out, const Cell& cell) {
  if (!cell.value) return append_json_string(out, cell.text);
  const Value& v = *cell.value;
  if (const Quantity* q = v.if_quantity()) return append_json(out, Value(q->value));
  switch (v.kind()) {
    case ValueKind::kNull:
    case ValueKind::kNumber:
    case ValueKind::kInteger:
    case ValueKind::kBoolean:
    case ValueKind::kString: return append_json(out, v);
    default: return append_json_string(out, cell.text);
  }
}

// A cell as a terminal shows it: control characters (from a case id, a zoo
// name) as \xNN, so data never moves the cursor or recolours the screen.
std::string shown(const std::string& s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return s;
  std::string out;
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte < 0x20 || byte == 0x7f ? fmt::format("\\x{:02x}", byte) : std::string(1, c);
  }
  return out;
}
std::string text_of(const std::string& s) { return shown(s); }
std::string text_of(const Cell& c) { return shown(c.text); }

// Markdown cells cannot hold a bare pipe or a line break.
std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return out;
}
}  // namespace

std::string columns_left_out(const std::vector<std::string>& left) {
  return wrap(fmt::format("({} more column(s) not shown: {}; widen the terminal, or use --columns or -o csv)",
                          left.size(), join(left))) + '\n';
}

std::size_t Table::text_width() { return stdout_width(); }

std::string Table::render() const {
  if (!g_columns.empty() && !header_.empty()) {
    const Table view = selected();
    if (view.header_.size() != header_.size() || view.header_ != header_) {
      const std::vector<std::string> saved = std::exchange(g_columns, {});
      std::string text = view.render();
      g_columns = saved;
      return text;
    }
  }
  switch (g_format) {
    case TableFormat::kMarkdown:
    case TableFormat::kCsv: return render_delimited();
    case TableFormat::kJsonLines: return render_json_lines();
    case TableFormat::kText: break;
  }
  return render_text();
}

std::string Table::render_delimited() const {
  const bool md = g_format == TableFormat::kMarkdown;
  std::string out;
  auto line = [&](auto&& cell_at) {
    for (std::size_t i = 0; i < header_.size(); ++i) {
      const std::string text = cell_at(i);
      out += md ? (i ? " | " : "| ") : (i ? "," : "");
      out += md ? markdown_cell(text) : csv_cell(text);
    }
    out += md ? " |\n" : "\n";
  };
  line([&](std::size_t i) { return header_[i]; });
  if (md) line([](std::size_t) { return std::string("---"); });
  for (const auto& r : rows_)
    line([&](std::size_t i) { return i >= r.size() ? std::string() : md ? r[i].text : machine_text(r[i]); });
  return out;
}

std::string Table::render_json_lines() const {
  std::string out;
  for (const auto& r : rows_) {
    out += '{';
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, header_[i]);
      out += ':';
      if (i < r.size()) append_json_cell(out, r[i]);
      else out += "null";
    }
    out += "}\n";
  }
  return out;
}

// A few rows too wide for the terminal, one record each ("-[ 1 ]---" then a
// line per column, its value wrapped under itself), so no column is left out.
std::string Table::render_records(std::size_t limit) const {
  std::size_t name_width = 0;
  for (const std::string& h : header_) name_width = std::max(name_width, display_width(h));
  const std::size_t value_width = limit > name_width + 2 + 12 ? limit - name_width - 2 : 12;
  std::string out;
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const std::string title = fmt::format("-[ {} ]", r + 1);
    out += title + std::string(limit > title.size() ? std::min<std::size_t>(limit - title.size(), 40) : 0, '-') + '\n';
    for (std::size_t c = 0; c < header_.size(); ++c) {
      const std::string cell = c < rows_[r].size() ? text_of(rows_[r][c]) : "";
      const std::vector<std::string> lines = wrap_lines(cell, value_width);
      for (std::size_t l = 0; l < lines.size(); ++l) {
        const std::string name = l == 0 ? header_[c] : "";
        out += name + std::string(name_width - display_width(name) + 2, ' ') + lines[l];
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
      }
    }
  }
  return out;
}

std::string Table::render_text() const {
  std::size_t columns = header_.size();
  for (const auto& r : rows_) columns = std::max(columns, r.size());
  std::vector<std::size_t> widths(columns, 0);
  auto measure = [&](const auto& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(text_of(row[i])));
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  // Fit the terminal: wrap a last "doc" column first, then leave out
  // columns from the right, and say which.
  const std::size_t limit = text_width();
  auto total = [&](std::size_t n) {
    std::size_t t = 0;
    for (std::size_t i = 0; i < n; ++i) t += widths[i] + (i ? 2 : 0);
    return t;
  };
  std::size_t shown = columns;
  std::size_t cut_last = 0;  // the wrapped doc column's width; 0: not wrapped
  if (limit > 0 && total(shown) > limit) {
    if (!header_.empty() && header_.back() == "doc" && total(shown - 1) + 2 + 12 <= limit) {
      cut_last = limit - total(shown - 1) - 2;
      widths.back() = cut_last;
    } else if (!header_.empty() && rows_.size() <= kMaxRecordRows) {
      return render_records(limit);
    } else {
      while (shown > 1 && total(shown) > limit) --shown;
      widths.resize(shown);
    }
  }
  std::string out;
  auto line = [&](const auto& row) {
    std::vector<std::string> more;  // the wrapped doc's further lines
    for (std::size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i >= row.size() ? "" : text_of(row[i]);
      if (cut_last && i + 1 == columns) {
        more = wrap_lines(cell, cut_last);
        cell = more.front();
        more.erase(more.begin());
      }
      out += cell;
      if (i + 1 < widths.size()) out += std::string(widths[i] - display_width(cell) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    for (const std::string& rest : more) out += std::string(total(shown - 1) + 2, ' ') + rest + '\n';
  };
  if (!header_.empty()) {
    line(header_);
    std::vector<std::string> rule;
    for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
    line(rule);
  }
  for (const auto& r : rows_) line(r);
  if (shown < columns && !header_.empty()) {
    std::vector<std::string> left(header_.begin() + static_cast<std::ptrdiff_t>(shown), header_.end());
    out += columns_left_out(left);
  }
  return out;
}

}  // namespace mlsysim::cli
