#include "mlsysim/registry/describe.hpp"

#include <nlohmann/json.hpp>

namespace mlsysim {

Json port_json(const PortInfo& p, bool input) {
  Json j = {{"name", p.name.str()},
            {"kind", to_string(p.kind)},
            {"unit", p.kind == ValueKind::kQuantity ? Json(p.dimension.unit_symbol()) : Json()},
            {"doc", p.doc}};
  if (input) {
    j["required"] = p.required;
    j["optional"] = p.optional;
    j["default"] = p.required || p.optional ? Json() : to_json(p.default_value);
    j["constraint"] = p.constraint.empty() ? Json() : Json(p.constraint.describe());
  } else {
    j["nullable"] = p.nullable;
  }
  return j;
}

Json solver_json(const Registry& registry, const SolverHandle& solver) {
  const SolverInfo& info = solver.info();
  Json variants = Json::array();
  bool is_default = false;
  if (auto entry = registry.contracts().find(info.contract_name()); entry != registry.contracts().end()) {
    for (const SolverHandle* v : entry->second.variants) variants.push_back(v->full_name());
    is_default = entry->second.default_variant == &solver;
  }
  Json inputs = Json::array(), parameters = Json::array(), outputs = Json::array();
  std::size_t parameter = 0;
  for (const PortInfo& p : info.inputs()) {
    if (!p.parameter) {
      inputs.push_back(port_json(p, true));
      continue;
    }
    Json j = port_json(p, true);
    if (parameter < info.parameters.size()) {
      const Parameter& fit = info.parameters[parameter++];
      j["value"] = fit.value;
      j["low"] = fit.low;
      j["high"] = fit.high;
      j["prior"] = fit.prior == 0 ? Json() : Json(fit.prior);
    }
    parameters.push_back(std::move(j));
  }
  for (const PortInfo& p : info.outputs()) outputs.push_back(port_json(p, false));
  return {{"name", solver.full_name()},
          {"contract", info.contract_name()},
          {"contract_version", info.contract_version()},
          {"variant", info.variant},
          {"version", info.version},
          {"default", is_default},
          {"summary", info.summary()},
          {"doc", info.doc},
          {"library", solver.library().string()},
          {"variants", std::move(variants)},
          {"inputs", std::move(inputs)},
          {"outputs", std::move(outputs)},
          {"parameters", std::move(parameters)},
          {"parameter_file", info.parameter_file.empty() ? Json() : Json(info.parameter_file)}};
}

Json plugin_json(const PluginReport& r) {
  return {{"path", r.path.string()},       {"loaded", r.loaded},
          {"reason", r.reason},            {"name", r.name},
          {"version", r.version},          {"solvers", r.solvers},
          {"hardware_providers", r.hardware_providers},
          {"model_providers", r.model_providers},
          {"diagnostics", r.diagnostics}};
}

Json contracts_json(const Registry& registry) {
  Json list = Json::array();
  for (const auto& [name, entry] : registry.contracts()) {
    Json variants = Json::array();
    for (const SolverHandle* v : entry.variants)
      variants.push_back({{"variant", v->info().variant}, {"name", v->full_name()},
                          {"version", v->info().version}, {"library", v->library().string()},
                          {"default", v == entry.default_variant}});
    list.push_back({{"contract", name}, {"version", entry.version}, {"summary", entry.summary},
                    {"variants", std::move(variants)}});
  }
  return list;
}

}  // namespace mlsysim
