#include "plan_keys.hpp"

#include <array>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/registry/plan.hpp"

namespace mlsysim::scenarios {
namespace {

enum class Type { kText, kInteger, kNumber, kObject, kList };

struct Key {
  std::string_view path;  // "hardware.nodes"; list items as "constraints.assert[].metric"
  Type type;
  bool required;
  std::string_view doc;
};

// python-and-cli.md §5.1, with 0.1.0's defaults in the docs.
constexpr std::array<Key, 19> kKeys = {{
    {"version", Type::kText, true, "plan format version"},
    {"name", Type::kText, true, "the plan's name"},
    {"workload", Type::kObject, true, "the model"},
    {"workload.name", Type::kText, true, "a zoo model id, or a JSON spec or Hugging Face config path"},
    {"workload.batch_size", Type::kInteger, false, "samples per step (default 1)"},
    {"workload.seq_len", Type::kInteger, false, "tokens per sample (default 2048; batching reads it)"},
    {"hardware", Type::kObject, true, "the system"},
    {"hardware.name", Type::kText, true, "a zoo hardware id, or a JSON spec path"},
    {"hardware.nodes", Type::kInteger, false, "accelerators (default 1; more makes a fleet of 8-GPU nodes)"},
    {"hardware.precision", Type::kText, false, "numeric precision (default fp16)"},
    {"hardware.efficiency", Type::kNumber, false, "achieved fraction of peak FLOP/s (default 0.5)"},
    {"ops", Type::kObject, false, "operations: with it, the macro level prices the period"},
    {"ops.region", Type::kText, false, "grid id (default US_Avg; placement's candidates)"},
    {"ops.duration_days", Type::kNumber, false, "days priced (default 30)"},
    {"constraints", Type::kObject, false, "checks on the scorecard"},
    {"constraints.assert", Type::kList, false, "each {metric, max and/or min}"},
    {"constraints.assert[].metric", Type::kText, true, "level.figure, e.g. performance.latency (ms)"},
    {"constraints.assert[].max", Type::kNumber, false, "largest value allowed"},
    {"constraints.assert[].min", Type::kNumber, false, "smallest value allowed"},
}};

// A value as error messages quote it (never throws on bytes that are not UTF-8).
std::string quoted(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

const Key* find_key(std::string_view path) {
  for (const Key& k : kKeys)
    if (k.path == path) return &k;
  return nullptr;
}

bool has_type(const Json& v, Type t, std::string_view path) {
  switch (t) {
    case Type::kText: return v.is_string() || (path == "version" && v.is_number());
    case Type::kInteger: return v.is_number_integer();
    case Type::kNumber: return v.is_number();
    case Type::kObject: return v.is_object();
    case Type::kList: return v.is_array();
  }
  return false;
}

std::string_view type_name(Type t) {
  static constexpr std::array<std::string_view, 5> kNames = {"text", "an integer", "a number", "a mapping", "a list"};
  return kNames[static_cast<std::size_t>(t)];
}

// `object` at `schema_prefix` (table paths) reported as `shown_prefix` (with list indices).
Status check_object(const Json& object, const std::string& schema_prefix, const std::string& shown_prefix) {
  std::vector<std::string> siblings;
  for (const Key& k : kKeys)
    if (k.path.starts_with(schema_prefix) && k.path.find('.', schema_prefix.size()) == std::string_view::npos)
      siblings.emplace_back(k.path.substr(schema_prefix.size()));
  for (const auto& [name, value] : object.items()) {
    const std::string path = schema_prefix + name, shown = shown_prefix + name;
    const Key* key = find_key(path);
    if (key == nullptr)
      return Error::bad_input(shown, fmt::format("{}: unknown key (known here: {}){}", shown, fmt::join(siblings, ", "),
                                                 did_you_mean(name, siblings)));
    if (value.is_null() && !key->required) continue;
    if (!has_type(value, key->type, path))
      return Error::bad_input(shown, fmt::format("{}: got {}, expected {}", shown, quoted(value), type_name(key->type)));
    if (key->type == Type::kObject)
      if (Status s = check_object(value, path + ".", shown + "."); !s.ok()) return s;
    if (key->type == Type::kList) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string item = fmt::format("{}[{}]", shown, i);
        if (!value[i].is_object())
          return Error::bad_input(item, fmt::format("{}: got {}, expected a mapping", item, quoted(value[i])));
        if (Status s = check_object(value[i], path + "[].", item + "."); !s.ok()) return s;
      }
    }
  }
  for (const Key& k : kKeys)
    if (k.required && k.path.starts_with(schema_prefix) &&
        k.path.find('.', schema_prefix.size()) == std::string_view::npos &&
        !object.contains(std::string(k.path.substr(schema_prefix.size())))) {
      const std::string shown = shown_prefix + std::string(k.path.substr(schema_prefix.size()));
      return Error::bad_input(shown, fmt::format("{}: is required ({})", shown, k.doc));
    }
  return {};
}

Json schema_of(const std::string& prefix) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const Key& k : kKeys) {
    if (!k.path.starts_with(prefix) || k.path.find('.', prefix.size()) != std::string_view::npos) continue;
    const std::string name(k.path.substr(prefix.size()));
    static constexpr std::array<const char*, 5> kJsonTypes = {"string", "integer", "number", "object", "array"};
    Json p = {{"type", kJsonTypes[static_cast<std::size_t>(k.type)]}, {"description", k.doc}};
    if (k.path == "version") p["type"] = Json::array({"string", "number"});
    if (k.type == Type::kObject) p.update(schema_of(std::string(k.path) + "."));
    if (k.type == Type::kList) p["items"] = schema_of(std::string(k.path) + "[].");
    properties[name] = p;
    if (k.required) required.push_back(name);
  }
  return {{"type", "object"}, {"properties", properties}, {"required", required}, {"additionalProperties", false}};
}

}  // namespace

Json plan_json_schema() { return schema_of(""); }

Status check_plan_keys(const Json& plan) {
  if (!plan.is_object()) return Error::bad_input("plan", "a plan is a mapping with version, name, workload, hardware");
  return check_object(plan, "", "");
}

std::optional<double> display_number(std::string_view key, const Value& value) {
  if (const Quantity* q = value.if_quantity()) {
    if (q->dimension == dims::time) return q->value * 1e3;   // ms
    if (q->dimension == dims::bytes) return q->value / 1e9;  // GB
    return q->value;
  }
  if (const double* d = value.if_number()) return *d;
  if (const std::int64_t* i = value.if_integer()) return static_cast<double>(*i);
  if (const bool* b = value.if_boolean()) return *b ? 1.0 : 0.0;
  (void)key;
  return std::nullopt;
}

std::string unknown_metric(const std::string& metric, const Scorecard& card) {
  std::vector<std::string> known;
  for (const Record::Field& f : card.figures) {
    const std::string name = f.name.str();
    const std::string level = name.starts_with("f_") ? "feasibility." : name.starts_with("p_") ? "performance."
                              : name.starts_with("m_") ? "macro." : "";
    if (!level.empty() && display_number(name, f.value)) known.push_back(level + name.substr(2));
  }
  return fmt::format("constraints.assert: no numeric metric '{}' on this scorecard (it has {}){}", metric,
                     fmt::join(known, ", "), did_you_mean(metric, known));
}

}  // namespace mlsysim::scenarios

namespace mlsysim {

Json plan_schema() {
  Json schema = scenarios::plan_json_schema();
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["title"] = "mlsysim plan file (MLSys·im 0.1.0's, unknown keys refused)";
  return schema;
}

}  // namespace mlsysim
