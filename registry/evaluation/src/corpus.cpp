#include "mlsysim/registry/corpus.hpp"

#include <fstream>

#include <fmt/format.h>

#include "mlsysim/framework/json.hpp"

#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {
namespace {

Error at(const std::filesystem::path& file, std::size_t line, const std::string& field,
         const std::string& message) {
  return Error::bad_input(field, fmt::format("{}:{}: {}: {}", file.string(), line, field, message));
}

Result<std::string> text(const Json& j, const char* key, bool required) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) return Error::bad_input(key, "missing");
    return std::string();
  }
  if (!it->is_string()) return Error::bad_input(key, fmt::format("expected a string, got {}", it->dump()));
  return it->get<std::string>();
}

Result<Quantity> measured_quantity(const Json& j) {
  Result<Quantity> q = quantity_from_json(j, std::nullopt, "measured");
  if (!q.ok()) return q.error();
  if (!(q->value > 0))
    return Error::bad_input("measured", fmt::format("must be a finite value > 0, got {}", j.dump()));
  return *q;
}

Result<MeasuredCase> measured_case(const Json& j) {
  MeasuredCase c;
  for (auto [key, out, required] : {std::tuple{"id", &c.id, true}, {"category", &c.category, true},
                                    {"quality", &c.quality, false}, {"solver", &c.contract, true},
                                    {"predict", &c.predict, true}, {"source", &c.source, false}}) {
    Result<std::string> s = text(j, key, required);
    if (!s.ok()) return s.error();
    *out = *s;
  }
  if (!j.contains("inputs") || !j["inputs"].is_object())
    return Error::bad_input("inputs", "expected an object of solver inputs");
  c.inputs = j["inputs"];
  Result<Quantity> m = measured_quantity(j.contains("measured") ? j["measured"] : Json());
  if (!m.ok()) return m.error();
  c.measured = *m;
  return c;
}

}  // namespace

Result<ReferenceCase> parse_reference_case(const Json& j) {
  ReferenceCase c;
  Result<std::string> id = j.contains("id") && !j["id"].is_string()
                               ? Result<std::string>(j["id"].dump())
                               : text(j, "id", true);
  if (!id.ok()) return id.error();
  c.id = *id;
  Result<std::string> solver = text(j, "solver", true);
  if (!solver.ok()) return solver.error();
  c.solver = *solver;
  if (!j.contains("inputs") || !j["inputs"].is_object())
    return Error::bad_input("inputs", "expected an object of solver inputs");
  c.inputs = j["inputs"];
  c.inputs.erase("hardware_alias_of");  // case metadata of the grid, not an input
  const Json& e = j["expected"];
  if (!e.is_object() || (!e.contains("outputs") && !e.contains("error")))
    return Error::bad_input("expected", "expected {\"outputs\": {...}} or {\"error\": {...}}");
  c.expected = e;
  const Json* warnings = e.contains("warnings") ? &e["warnings"] : j.contains("warnings") ? &j["warnings"] : nullptr;
  if (warnings != nullptr && warnings->is_array()) c.warnings = warnings->size();
  return c;
}

Result<CaseFile> load_case_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in || std::filesystem::is_directory(file))
    return Error::bad_input("cases", fmt::format("cannot read case file '{}'", file.string()));
  CaseFile out;
  out.path = file;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Result<Json> parsed = parse_json(line);
    if (!parsed.ok() || !parsed->is_object())
      return at(file, n, "line", parsed.ok() ? "not a JSON object" : parsed.error().message);
    const Json& j = *parsed;
    const bool measured = j.contains("measured");
    if (!measured && !j.contains("expected"))
      return at(file, n, "measured", "a case needs \"measured\" (a corpus) or \"expected\" (reference outputs)");
    if (measured ? !out.reference.empty() : !out.measured.empty())
      return at(file, n, measured ? "measured" : "expected", "measured and reference cases in one file");
    if (measured) {
      Result<MeasuredCase> c = measured_case(j);
      if (!c.ok()) return at(file, n, c.error().field, c.error().message);
      out.measured.push_back(std::move(*c));
    } else {
      Result<ReferenceCase> c = parse_reference_case(j);
      if (!c.ok()) return at(file, n, c.error().field, c.error().message);
      out.reference.push_back(std::move(*c));
    }
  }
  if (out.measured.empty() && out.reference.empty())
    return Error::bad_input("cases", fmt::format("{}: no cases", file.string()));
  return out;
}

}  // namespace mlsysim
