#include "mlsysim/framework/json.hpp"

#include "mlsysim/framework/text_file.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/hf_config.hpp"
#include "mlsysim/framework/spec_json.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {
namespace {

std::string field_of(const PortInfo& port) { return port.name.str(); }

Error expected_kind(const PortInfo& port, std::string_view got) {
  std::string want;
  switch (port.kind) {
    case ValueKind::kNumber: want = "a number"; break;
    case ValueKind::kInteger: want = "an integer"; break;
    case ValueKind::kBoolean: want = "true or false"; break;
    case ValueKind::kString:
      want = port.as_written ? "a quantity such as \"1e24 flop\" or \"30 day\", or {\"value\": ..., \"unit\": ...}"
                             : "a string";
      break;
    case ValueKind::kQuantity:
      want = fmt::format("a {} such as \"{}\" or {{\"value\": ..., \"unit\": ...}}",
                         port.dimension.description(),
                         "1 " + port.dimension.unit_symbol());
      break;
    case ValueKind::kHardware: want = "a hardware id (see `mlsysim zoo hardware`) or spec object"; break;
    case ValueKind::kModel: want = "a model id (see `mlsysim zoo models`) or spec object"; break;
    case ValueKind::kTable: want = "an object of numbers"; break;
    case ValueKind::kRecords: want = "a list of objects"; break;
    case ValueKind::kStrings: want = "a list of strings, such as [\"a\", \"b\"] (or \"a,b\" on a command line)"; break;
    case ValueKind::kSpec:
      want = port.spec_kind == nullptr ? std::string("a spec")
                                       : fmt::format("a {} id (see `mlsysim zoo {}`) or spec object",
                                                     port.spec_kind->name(), port.spec_kind->plural());
      break;
    case ValueKind::kNull: want = "null"; break;
  }
  return Error::bad_input(field_of(port),
                          fmt::format("{}: got {}, expected {}", port.name.view(), got, want));
}

std::string shown(const Json& j) { return excerpt(j.dump(), 60); }

Result<Value> integer_from_double(double d, const PortInfo& port, std::string_view text) {
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18)
    return Value(static_cast<std::int64_t>(d));
  return expected_kind(port, text);
}

template <class Spec, class Parse, class Lookup>
Result<Value> spec_value(const Json& j, const PortInfo& port, Parse parse, Lookup lookup) {
  if (j.is_string()) {
    auto found = lookup(j.template get_ref<const std::string&>());
    if (!found.ok()) {
      Error e = found.error();
      e.field = field_of(port);
      return e;
    }
    return Value(*found);
  }
  if (j.is_object()) {
    Result<Spec> spec = parse(j);
    if (!spec.ok()) {
      Error e = spec.error();
      e.message = fmt::format("{}: inline spec: {}", port.name.view(), e.message);
      e.field = fmt::format("{}.{}", port.name.view(), e.field);
      return e;
    }
    return Value(std::make_shared<const Spec>(std::move(spec).value()));
  }
  return expected_kind(port, shown(j));
}

// A quantity kept as written: its text, checked ("1e9 TFLOP", "30 day").
Result<Value> written_value(const Json& j, const PortInfo& port) {
  std::string text;
  double bare = 0;
  if (j.is_string()) {
    text = j.get<std::string>();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bare);
    if (ec == std::errc{} && end == text.data() + text.size() && std::isfinite(bare))  // a bare number
      text = fmt::format("{} {}", bare, port.dimension.unit_symbol());
  } else if (j.is_number() && std::isfinite(j.get<double>())) {
    text = fmt::format("{} {}", j.get<double>(), port.dimension.unit_symbol());
  }
  if (j.is_object() && j.contains("value") && j["value"].is_number() && j.contains("unit") && j["unit"].is_string())
    text = fmt::format("{} {}", j["value"].get<double>(), j["unit"].get<std::string>());
  if (text.empty()) return expected_kind(port, shown(j));
  Result<WrittenQuantity> parsed = parse_written_quantity(text, port.name.view());
  if (!parsed.ok()) return parsed.error();
  return Value(std::move(text));
}

// A spec of the port's kind: an id (the kind decides what ids it accepts)
// or an inline object; errors name the field under the port ("fleet.count").
Result<Value> kind_spec_value(const Json& j, const PortInfo& port, const Catalog& catalog) {
  if (port.spec_kind == nullptr || (!j.is_string() && !j.is_object())) return expected_kind(port, shown(j));
  Result<SpecRef> spec = j.is_string() ? port.spec_kind->from_id(j.get<std::string>(), catalog)
                                       : port.spec_kind->from_json(j, catalog);
  if (spec.ok()) return Value(std::move(spec).value());
  Error e = spec.error();
  if (j.is_string()) {
    e.field = field_of(port);
    return e;
  }
  e.message = fmt::format("{}: inline {}: {}", port.name.view(), port.spec_kind->name(), e.message);
  e.field = e.field.empty() ? field_of(port) : fmt::format("{}.{}", port.name.view(), e.field);
  return e;
}

Result<Value> table_value(const Json& j, const PortInfo& port) {
  if (!j.is_object()) return expected_kind(port, shown(j));
  NumberTable table;
  for (const auto& [key, number] : j.items()) {
    if (!number.is_number() || !std::isfinite(number.get<double>()))
      return expected_kind(port, shown(j));
    table.emplace_back(key, number.get<double>());
  }
  return Value(std::move(table));
}

// ["US_Avg", "Quebec"]: an element that is not a string is named by its index.
Result<Value> strings_value(const Json& j, const PortInfo& port) {
  if (!j.is_array()) return expected_kind(port, shown(j));
  StringList names;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string())
      return Error::bad_input(field_of(port), fmt::format("{}[{}]: got {}, expected a string", port.name.view(), i,
                                                          shown(j[i])));
    names.push_back(j[i].get<std::string>());
  }
  return Value(std::move(names));
}

}  // namespace

Result<Value> decode_value(const Json& j, const PortInfo& port, const Catalog& catalog) {
  // An optional input given as null is the same as leaving it out.
  if (j.is_null() && port.optional) return Value();
  switch (port.kind) {
    case ValueKind::kNumber:
      if (j.is_number()) {
        double d = j.get<double>();
        if (std::isfinite(d)) return Value(d);
      }
      return expected_kind(port, shown(j));
    case ValueKind::kInteger:
      if (j.is_number_integer()) {
        if (j.is_number_unsigned() && j.get<std::uint64_t>() > INT64_MAX)
          return expected_kind(port, shown(j));
        return Value(j.get<std::int64_t>());
      }
      if (j.is_number_float()) return integer_from_double(j.get<double>(), port, shown(j));
      return expected_kind(port, shown(j));
    case ValueKind::kBoolean:
      if (j.is_boolean()) return Value(j.get<bool>());
      return expected_kind(port, shown(j));
    case ValueKind::kString:
      if (port.as_written) return written_value(j, port);
      if (j.is_string()) return Value(j.get<std::string>());
      return expected_kind(port, shown(j));
    case ValueKind::kQuantity: {
      if (!j.is_string() && !j.is_number() && !j.is_object()) return expected_kind(port, shown(j));
      Result<Quantity> q = quantity_from_json(j, port.dimension, port.name.view());
      if (!q.ok()) return q.error();
      return Value(*q);
    }
    case ValueKind::kHardware:
      return spec_value<HardwareSpec>(j, port, hardware_from_json,
                                      [&](const std::string& id) { return catalog.hardware(id); });
    case ValueKind::kModel:
      return spec_value<ModelSpec>(j, port, model_from_json,
                                   [&](const std::string& id) { return catalog.model(id); });
    case ValueKind::kTable: return table_value(j, port);
    case ValueKind::kSpec: return kind_spec_value(j, port, catalog);
    case ValueKind::kStrings: return strings_value(j, port);
    case ValueKind::kRecords:  // an output kind: no input takes a list of records
    case ValueKind::kNull: break;
  }
  return expected_kind(port, shown(j));
}

Result<Value> decode_text(std::string_view text, const PortInfo& port, const Catalog& catalog) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  std::string quoted = fmt::format("'{}'", text);
  switch (port.kind) {
    case ValueKind::kNumber: {
      double d = 0;
      auto [p, ec] = std::from_chars(first, last, d);
      if (ec == std::errc{} && p == last && std::isfinite(d)) return Value(d);
      return expected_kind(port, quoted);
    }
    case ValueKind::kInteger: {
      std::int64_t i = 0;
      auto [p, ec] = std::from_chars(first, last, i);
      if (ec == std::errc{} && p == last) return Value(i);
      double d = 0;
      auto [pd, ecd] = std::from_chars(first, last, d);
      if (ecd == std::errc{} && pd == last) return integer_from_double(d, port, quoted);
      return expected_kind(port, quoted);
    }
    case ValueKind::kBoolean:
      if (text == "true" || text == "1" || text == "yes") return Value(true);
      if (text == "false" || text == "0" || text == "no") return Value(false);
      return expected_kind(port, quoted);
    case ValueKind::kString:
      if (port.as_written) return written_value(Json(std::string(text)), port);
      return Value(std::string(text));
    case ValueKind::kQuantity: {
      double d = 0;
      auto [p, ec] = std::from_chars(first, last, d);
      if (ec == std::errc{} && p == last && std::isfinite(d)) return Value(Quantity{d, port.dimension});
      Result<Quantity> q = parse_quantity_as(text, port.dimension, port.name.view());
      if (!q.ok()) return q.error();
      return Value(*q);
    }
    case ValueKind::kHardware:
    case ValueKind::kModel:
    case ValueKind::kSpec: {
      // A zoo id, an inline spec ('{"id": ...}'), or a spec file (@spec.json, or a path ending .json).
      if (!text.starts_with("{") && !text.starts_with("@") && !text.ends_with(".json"))
        return decode_value(Json(std::string(text)), port, catalog);
      std::string content(text);
      std::filesystem::path path(text.starts_with("@") ? text.substr(1) : text);
      if (!text.starts_with("{")) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) path /= "config.json";  // a Hugging Face model folder
        Result<std::string> file = read_text_file(path.string(), "spec file", 16 << 20);
        if (!file.ok())
          return Error::bad_input(field_of(port), fmt::format("{}: {}", port.name.view(), file.error().message));
        content = std::move(*file);
      }
      Result<Json> spec = parse_json(content);
      if (!spec.ok()) return Error::bad_input(field_of(port), fmt::format("{}: {}", port.name.view(), spec.error().message));
      // A Hugging Face config is named after its folder unless it names itself.
      if (!text.starts_with("{") && is_hf_config(*spec) && !spec->contains("_name_or_path"))
        (*spec)["_name_or_path"] = std::filesystem::absolute(path).parent_path().filename().string();
      return decode_value(*spec, port, catalog);
    }
    case ValueKind::kTable: {
      Result<Json> parsed = parse_json(text);
      if (!parsed.ok()) return expected_kind(port, quoted);
      return table_value(*parsed, port);
    }
    case ValueKind::kStrings: {
      if (text.starts_with("[")) {
        Result<Json> parsed = parse_json(text);
        if (!parsed.ok()) return expected_kind(port, quoted);
        return strings_value(*parsed, port);
      }
      StringList names;
      for (std::string_view rest = text; !text.empty();) {  // "" is the empty list
        const std::size_t comma = rest.find(',');
        names.emplace_back(rest.substr(0, comma));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      return Value(std::move(names));
    }
    case ValueKind::kRecords:
    case ValueKind::kNull: break;
  }
  return expected_kind(port, quoted);
}

Result<Json> parse_json(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return Error::bad_input("json", fmt::format("JSON nested deeper than {} levels", max_depth));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  // A key given twice would silently take the last value: refuse it, naming
  // the key. The keys of the open objects sit in one reused buffer.
  thread_local std::vector<std::string> keys;
  thread_local std::vector<std::size_t> starts;  // where each open object's keys begin
  keys.clear();
  starts.clear();
  std::string duplicate;
  auto check = [&](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: starts.push_back(keys.size()); break;
      case Json::parse_event_t::object_end:
        if (!starts.empty()) {
          keys.resize(starts.back());
          starts.pop_back();
        }
        break;
      case Json::parse_event_t::key: {
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!starts.empty() && duplicate.empty() &&
            std::find(keys.begin() + static_cast<std::ptrdiff_t>(starts.back()), keys.end(), key) != keys.end())
          duplicate = key;
        keys.push_back(key);
        break;
      }
      default: break;
    }
    return true;
  };
  Json j = Json::parse(text.begin(), text.end(), check, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Cold path: parse again with exceptions on, only to say where.
    try {
      const Json ignored = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
      return Error::bad_input("json", fmt::format("not valid JSON at byte {}", e.byte));
    } catch (const Json::exception& e) {  // e.g. a number too large for a double (1e999)
      return Error::bad_input("json", fmt::format("not valid JSON: {}", e.what()));
    }
    return Error::bad_input("json", "not valid JSON");
  }
  if (!duplicate.empty())
    return Error::bad_input(duplicate, fmt::format("key '{}' appears twice in one object", duplicate));
  return j;
}

Result<Record> decode_inputs(const Json& object, const SolverInfo& info, const Catalog& catalog) {
  if (!object.is_object())
    return Error::bad_input("inputs", fmt::format("inputs: got {}, expected a JSON object",
                                                  shown(object)));
  Record record;
  record.reserve(object.size());
  for (const auto& [key, json] : object.items()) {
    const PortInfo* port = info.find_input(key);
    if (port == nullptr) return unknown_input(info, key);
    Result<Value> v = decode_value(json, *port, catalog);
    if (!v.ok()) return v.error();
    record.append(port->name, std::move(v).value());
  }
  return record;
}


}  // namespace mlsysim
