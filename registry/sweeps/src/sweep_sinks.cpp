#include "mlsysim/registry/sweep_sinks.hpp"

#include <iterator>

#include <fmt/compile.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mlsysim/framework/json.hpp"

namespace mlsysim {
namespace {

void csv_text(std::string_view text, std::string& out) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Shortest round-trip digits, through a stack buffer (no per-character appends).
template <class T>
void append_number(T x, std::string& out) {
  char buffer[48];
  const char* end = fmt::format_to(buffer, FMT_COMPILE("{}"), x);
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

// A value as a CSV cell: plain numbers in base units, true/false, ids.
void csv_value(const Value& v, std::string& out) {
  switch (v.kind()) {
    case ValueKind::kNull: return;
    case ValueKind::kNumber: append_number(*v.if_number(), out); return;
    case ValueKind::kInteger: append_number(*v.if_integer(), out); return;
    case ValueKind::kBoolean: out += *v.if_boolean() ? "true" : "false"; return;
    case ValueKind::kQuantity: append_number(v.if_quantity()->value, out); return;
    case ValueKind::kString: csv_text(*v.if_string(), out); return;
    case ValueKind::kHardware: csv_text((*v.if_hardware())->id, out); return;
    case ValueKind::kModel: csv_text((*v.if_model())->id, out); return;
    case ValueKind::kSpec: csv_text((*v.if_spec())->id, out); return;
    case ValueKind::kStrings: csv_text(fmt::format("{}", fmt::join(*v.if_strings(), ",")), out); return;
    case ValueKind::kRecords: {  // a list of records: its JSON text in one cell
      std::string cell;
      append_json(cell, v);
      csv_text(cell, out);
      return;
    }
    case ValueKind::kTable: {
      std::string cell;
      for (const auto& [key, number] : *v.if_table())
        fmt::format_to(std::back_inserter(cell), "{}{} {}", cell.empty() ? "" : "; ", key, number);
      csv_text(cell, out);
      return;
    }
  }
}

}  // namespace

void TextSweepSink::write(std::string_view text) {
  if (text.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) ok_ = false;
}

std::string CsvSweepSink::header() const {
  std::string out;
  for (const SweepAxis& a : engine_.space().axes()) {
    if (!out.empty()) out += ',';
    csv_text(a.name(), out);
  }
  for (const std::string& c : engine_.column_names()) {
    if (!out.empty()) out += ',';
    csv_text(c, out);
  }
  if (engine_.warnings_column())
    ((out += out.empty() ? "" : ",") += kWarningsColumn) += fmt::format(",{}", kNotesColumn);
  return out + "\n";
}

void CsvSweepSink::format(const SweepRow& row, std::string& out) const {
  const auto& axes = engine_.space().axes();
  bool first = true;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (!first) out += ',';
    first = false;
    const std::size_t at = out.size();
    axes[a].append_label(row.position[a], out);
    if (out.find_first_of(",\"\n\r", at) != std::string::npos) {  // rare: quote it
      const std::string label = out.substr(at);
      out.resize(at);
      csv_text(label, out);
    }
  }
  for (std::size_t c : engine_.columns()) {
    if (!first) out += ',';
    first = false;
    csv_value(row.outputs.begin()[c].value, out);
  }
  if (engine_.warnings_column()) {
    if (!first) out += ',';
    if (!row.warnings.empty()) csv_text(fmt::format("{}", fmt::join(row.warnings, "; ")), out);
    out += ',';
    if (!row.notes.empty()) csv_text(fmt::format("{}", fmt::join(row.notes, "; ")), out);
  }
  out += '\n';
}

void JsonLinesSweepSink::format(const SweepRow& row, std::string& out) const {
  const auto& axes = engine_.space().axes();
  out += "{\"inputs\":{";
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (a) out += ',';
    append_json_string(out, axes[a].name());
    out += ':';
    append_json(out, axes[a].value(row.position[a]));
  }
  out += "},\"outputs\":";
  const auto& names = engine_.column_names();
  NestedJsonWriter outputs(out);
  for (std::size_t i = 0; i < names.size(); ++i)
    outputs.member(names[i], row.outputs.begin()[engine_.columns()[i]].value);
  outputs.finish();
  if (engine_.warnings_column()) {
    out += ",\"warnings\":";
    append_json_strings(out, row.warnings);
    out += ",\"notes\":";
    append_json_strings(out, row.notes);
  }
  out += "}\n";
}

void JsonSweepSink::format(const SweepRow& row, std::string& out) const {
  out += ",\n";
  JsonLinesSweepSink::format(row, out);
  out.pop_back();  // the list puts its own separators
}

void JsonSweepSink::write(std::string_view text) {
  if (first_ && text.starts_with(",")) {
    text.remove_prefix(1);
    first_ = false;
  }
  TextSweepSink::write(text);
}

}  // namespace mlsysim
