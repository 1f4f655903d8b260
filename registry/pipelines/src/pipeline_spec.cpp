#include "mlsysim/registry/pipeline_spec.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mlsysim {
namespace {

Error shape_error(const std::string& field, const std::string& message) {
  return Error::bad_input(field, fmt::format("{}: {}", field, message));
}

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

template <class Pairs>
auto find_key(Pairs& pairs, const std::string& key) {
  return std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == key; });
}

}  // namespace

void PipelineSpec::set_input(const std::string& key, Json value) {
  if (auto it = find_key(inputs, key); it != inputs.end()) it->second = std::move(value);
  else inputs.emplace_back(key, std::move(value));
  if (auto it = find_key(sweep, key); it != sweep.end()) sweep.erase(it);
}

void PipelineSpec::set_sweep(const std::string& key, std::vector<Json> values) {
  if (auto it = find_key(sweep, key); it != sweep.end()) it->second = std::move(values);
  else sweep.emplace_back(key, std::move(values));
}

Result<PipelineSpec> parse_pipeline(const Json& json) {
  if (!json.is_object()) return shape_error("pipeline", "expected a JSON object");
  static const char* kKeys[] = {"name", "description", "inputs", "sweep", "report", "stages"};
  for (const auto& [key, value] : json.items()) {
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      return shape_error(key, "unknown key (expected name, description, inputs, sweep, report, stages)");
  }
  PipelineSpec spec;
  if (auto it = json.find("name"); it != json.end()) {
    if (!it->is_string()) return shape_error("name", "expected a string");
    spec.name = it->get<std::string>();
  }
  if (auto it = json.find("description"); it != json.end()) {
    if (!it->is_string()) return shape_error("description", "expected a string");
    spec.description = it->get<std::string>();
  }
  if (auto it = json.find("inputs"); it != json.end()) {
    if (!it->is_object()) return shape_error("inputs", "expected an object of name: value");
    for (const auto& [key, value] : it->items()) spec.inputs.emplace_back(key, value);
  }
  if (auto it = json.find("sweep"); it != json.end()) {
    if (!it->is_object()) return shape_error("sweep", "expected an object of name: [values]");
    for (const auto& [key, values] : it->items()) {
      if (!values.is_array() || values.empty())
        return shape_error("sweep." + key, "expected a non-empty list of values");
      spec.sweep.emplace_back(key, std::vector<Json>(values.begin(), values.end()));
    }
  }
  if (auto it = json.find("report"); it != json.end()) {
    constexpr const char* kForm =
        "expected a list of \"stage.output\" names or an object of column: \"stage.output\" or "
        "expression";
    if (it->is_array()) {
      for (const Json& column : *it) {
        if (!column.is_string()) return shape_error("report", kForm);
        spec.report.emplace_back(column.get<std::string>(), column.get<std::string>());
      }
    } else if (it->is_object()) {
      for (const auto& [column, text] : it->items()) {
        if (!text.is_string()) return shape_error("report." + column, kForm);
        spec.report.emplace_back(column, text.get<std::string>());
      }
    } else {
      return shape_error("report", kForm);
    }
  }
  auto stages = json.find("stages");
  if (stages == json.end() || !stages->is_array() || stages->empty())
    return shape_error("stages", "expected a non-empty list of stages");
  std::unordered_set<std::string> ids;
  for (std::size_t i = 0; i < stages->size(); ++i) {
    const Json& s = (*stages)[i];
    const std::string where = fmt::format("stages[{}]", i);
    if (!s.is_object()) return shape_error(where, "expected an object with \"id\" and \"solver\"");
    for (const auto& [key, value] : s.items()) {
      if (key != "id" && key != "solver" && key != "inputs" && key != "description")
        return shape_error(where + "." + key, "unknown key (expected id, solver, inputs, description)");
    }
    PipelineSpec::Stage stage;
    auto id = s.find("id");
    if (id == s.end() || !id->is_string() || !is_identifier(id->get<std::string>()))
      return shape_error(where + ".id", "expected an identifier (letters, digits, _; used as \"id.output\")");
    stage.id = id->get<std::string>();
    if (!ids.insert(stage.id).second)
      return shape_error(where + ".id", fmt::format("duplicate stage id '{}'", stage.id));
    auto solver = s.find("solver");
    if (solver == s.end() || !solver->is_string())
      return shape_error(stage.id + ".solver", fmt::format("stage '{}': expected a solver name", stage.id));
    stage.solver = solver->get<std::string>();
    if (auto in = s.find("inputs"); in != s.end()) {
      if (!in->is_object())
        return shape_error(stage.id + ".inputs", fmt::format("stage '{}': expected an object of port: binding", stage.id));
      for (const auto& [key, value] : in->items()) stage.inputs.emplace_back(key, value);
    }
    spec.stages.push_back(std::move(stage));
  }
  return spec;
}

Result<PipelineSpec> load_pipeline(const std::filesystem::path& file) {
  std::stringstream text;
  if (file == "-") {  // standard input
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(file);
    if (!in) return Error::bad_input("pipeline", fmt::format("cannot read pipeline file '{}'", file.string()));
    text << in.rdbuf();
  }
  Result<Json> json = parse_json(text.str());
  if (!json.ok()) return Error::bad_input("pipeline", fmt::format("{}: {}", file.string(), json.error().message));
  Result<PipelineSpec> spec = parse_pipeline(*json);
  if (!spec.ok()) {
    Error e = spec.error();
    e.message = fmt::format("{}: {}", file.string(), e.message);
    return e;
  }
  return spec;
}

Json json_from_text(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  Json number = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!number.is_discarded() && number.is_number()) return number;
  return text;
}

}  // namespace mlsysim
