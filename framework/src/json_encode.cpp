// JSON encoding: Values and records as compact JSON text in base units
// ({"value", "unit"}; non-finite numbers as "inf"/"-inf"/"nan"; dotted
// output names nested), errors as {"code", "field", "message"}.
#include "mlsysim/framework/json.hpp"

#include <cmath>
#include <iterator>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mlsysim {

void append_json(std::string& out, const Error& e) {
  out += "{\"code\":";
  append_json_string(out, to_string(e.code));
  out += ",\"field\":";
  if (e.field.empty()) out += "null";
  else append_json_string(out, e.field);
  out += ",\"message\":";
  append_json_string(out, e.message);
  out += '}';
}


void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t run = 0;  // start of the pending run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* escaped = nullptr;
    switch (c) {
      case '"': escaped = "\\\""; break;
      case '\\': escaped = "\\\\"; break;
      case '\n': escaped = "\\n"; break;
      case '\r': escaped = "\\r"; break;
      case '\t': escaped = "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) continue;
    }
    out.append(text.data() + run, i - run);
    if (escaped) out += escaped;
    else fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void append_json_strings(std::string& out, std::span<const std::string> items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

namespace {
// Base-unit symbols of the common dimensions without building a string.
void append_unit(std::string& out, Dimension d) {
  static const std::pair<Dimension, std::string_view> kCommon[] = {
      {dims::time, "\"s\""},           {dims::bytes, "\"B\""},
      {dims::byte_rate, "\"B/s\""},    {dims::flop_rate, "\"flop/s\""},
      {dims::flops, "\"flop\""},       {dims::intensity, "\"flop/B\""},
      {dims::energy, "\"J\""},         {dims::power, "\"W\""},
      {dims::frequency, "\"1/s\""}, {dims::none, "\"count\""}};
  for (const auto& [dim, text] : kCommon)
    if (dim == d) return void(out += text);
  append_json_string(out, d.unit_symbol());
}

void append_number(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "\"nan\"";
  } else if (std::isinf(d)) {
    out += d > 0 ? "\"inf\"" : "\"-inf\"";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", d);
  }
}
}  // namespace

void append_json(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: out += "null"; return;
    case ValueKind::kNumber: append_number(out, *v.if_number()); return;
    case ValueKind::kInteger: fmt::format_to(std::back_inserter(out), "{}", *v.if_integer()); return;
    case ValueKind::kBoolean: out += *v.if_boolean() ? "true" : "false"; return;
    case ValueKind::kString: append_json_string(out, *v.if_string()); return;
    case ValueKind::kQuantity:
      out += "{\"value\":";
      append_number(out, v.if_quantity()->value);
      out += ",\"unit\":";
      append_unit(out, v.if_quantity()->dimension);
      out += '}';
      return;
    case ValueKind::kHardware: append_json_string(out, (*v.if_hardware())->id); return;
    case ValueKind::kModel: append_json_string(out, (*v.if_model())->id); return;
    case ValueKind::kSpec: append_json_string(out, (*v.if_spec())->id); return;
    case ValueKind::kTable: {
      out += '{';
      bool first = true;
      for (const auto& [key, number] : *v.if_table()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        append_number(out, number);
      }
      out += '}';
      return;
    }
    case ValueKind::kStrings: {
      out += '[';
      bool first = true;
      for (const std::string& name : *v.if_strings()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
      }
      out += ']';
      return;
    }
    case ValueKind::kRecords: {
      out += '[';
      bool first = true;
      for (const Record& r : *v.if_records()) {
        if (!first) out += ',';
        first = false;
        append_json(out, r);
      }
      out += ']';
      return;
    }
  }
}

void append_json(std::string& out, const Record& record) {
  NestedJsonWriter writer(out);
  for (const Record::Field& f : record) writer.member(f.name.view(), f.value);
  writer.finish();
}

NestedJsonWriter::NestedJsonWriter(std::string& out) : out_(out), first_{true} { out_ += '{'; }

void NestedJsonWriter::close_to(std::size_t depth) {
  while (open_.size() > depth) {
    out_ += '}';
    open_.pop_back();
    first_.pop_back();
  }
}

void NestedJsonWriter::member(std::string_view name, const Value& value) {
  std::size_t depth = 0, start = 0;
  // Keep the open objects this name shares, close the rest.
  for (std::size_t dot; (dot = name.find('.', start)) != std::string_view::npos && depth < open_.size() &&
                        name.substr(start, dot - start) == open_[depth];
       start = dot + 1)
    ++depth;
  close_to(depth);
  auto separate = [&] {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  };
  for (std::size_t dot; (dot = name.find('.', start)) != std::string_view::npos; start = dot + 1) {
    separate();
    append_json_string(out_, name.substr(start, dot - start));
    out_ += ":{";
    open_.push_back(name.substr(start, dot - start));
    first_.push_back(true);
  }
  separate();
  append_json_string(out_, name.substr(start));
  out_ += ':';
  append_json(out_, value);
}

void NestedJsonWriter::finish() {
  close_to(0);
  out_ += '}';
}

Json to_json(const Value& value) {
  std::string text;
  append_json(text, value);
  return Json::parse(text);
}

Json to_json(const Record& record) {
  std::string text;
  append_json(text, record);
  return Json::parse(text);
}
}  // namespace mlsysim
