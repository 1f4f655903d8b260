#include "mlsysim/registry/describe.hpp"

#include <algorithm>
#include <optional>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "mlsysim/framework/walls.hpp"

namespace mlsysim {

Json port_json(const PortInfo& p, bool input) {
  Json j = {{"name", p.name.str()},
            {"kind", kind_name(p)},
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

namespace {

Json contract_walls_json(const ContractInfo& contract) {
  Json list = Json::array();
  for (int n : contract.walls)
    if (const Wall* w = find_wall(n))
      list.push_back({{"number", w->number}, {"name", w->name}, {"domain", w->domain}});
  return list;
}

Json fallacies_json(const ContractInfo& contract) {
  Json list = Json::array();
  for (const Fallacy& f : contract.fallacies) list.push_back({{"misconception", f.misconception}, {"reality", f.reality}});
  return list;
}

}  // namespace

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
          {"tier", to_string(info.contract().tier)},
          {"walls", contract_walls_json(info.contract())},
          {"fallacies", fallacies_json(info.contract())},
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
          {"spec_providers", r.spec_providers},
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

namespace {
template <class T>
Json optional_json(const std::optional<T>& v) {
  if (!v) return Json();
  if constexpr (std::is_arithmetic_v<T>) return Json(*v);
  else return to_json(Value(*v));
}
}  // namespace

Json hardware_json(const HardwareSpec& h) {
  Json precisions = Json::object();
  for (const auto& [name, rate] : h.precision_flops) precisions[name] = to_json(Value(rate));
  return {{"id", h.id},
          {"name", h.name},
          {"category", h.category},
          {"aliases", h.aliases},
          {"release_year", optional_json(h.release_year)},
          {"peak_flops", to_json(Value(h.peak_flops))},
          {"precision_flops", std::move(precisions)},
          {"memory_capacity", to_json(Value(h.memory_capacity))},
          {"memory_bandwidth", to_json(Value(h.memory_bandwidth))},
          {"sram_capacity", optional_json(h.sram_capacity)},
          {"sram_bandwidth", optional_json(h.sram_bandwidth)},
          {"flash_capacity", optional_json(h.flash_capacity)},
          {"flash_bandwidth", optional_json(h.flash_bandwidth)},
          {"interconnect_bandwidth", h.interconnect ? to_json(Value(h.interconnect->bandwidth)) : Json()},
          {"storage_bandwidth", h.storage ? to_json(Value(h.storage->bandwidth)) : Json()},
          {"tdp", optional_json(h.tdp)},
          {"battery_capacity", optional_json(h.battery_capacity)},
          {"unit_cost_usd", optional_json(h.unit_cost_usd)},
          {"embodied_carbon_kg", optional_json(h.embodied_carbon_kg)},
          {"dispatch_tax", to_json(Value(h.dispatch_tax))},
          {"source", h.provenance.file}};
}

Json model_json(const ModelSpec& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"category", m.category},
          {"aliases", m.aliases},
          {"class", to_string(m.family)},
          {"architecture", m.architecture},
          {"parameters", optional_json(m.parameters)},
          {"model_size", optional_json(m.model_size)},
          {"inference_flops", optional_json(m.inference_flops)},
          {"training_ops", optional_json(m.training_ops)},
          {"layers", optional_json(m.layers)},
          {"hidden_dim", optional_json(m.hidden_dim)},
          {"heads", optional_json(m.heads)},
          {"kv_heads", optional_json(m.kv_heads)},
          {"state_size", optional_json(m.state_size)},
          {"denoising_steps", optional_json(m.denoising_steps)},
          {"resolution", optional_json(m.resolution)},
          {"source", m.provenance.file}};
}

Json walls_json(const Registry& registry) {
  Json list = Json::array();
  for (const Wall& w : walls()) {
    Json contracts = Json::array();
    for (const auto& [name, entry] : registry.contracts()) {
      const std::vector<int>& declared = entry.variants.front()->info().contract().walls;
      if (std::find(declared.begin(), declared.end(), w.number) != declared.end()) contracts.push_back(name);
    }
    list.push_back({{"number", w.number}, {"name", w.name}, {"domain", w.domain}, {"mlsysim_class", w.mlsysim_class},
                    {"constraint", w.constraint}, {"contracts", std::move(contracts)}});
  }
  return list;
}

}  // namespace mlsysim
