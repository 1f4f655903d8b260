// The scenario and persona kinds (zoo-fleet.md §8).
#include "mlsysim/framework/scenario_spec.hpp"

#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/spec_json.hpp"
#include "spec_kind_table.hpp"
#include "spec_reference.hpp"

namespace mlsysim {
namespace {

using detail::identity_json;
using detail::OwnField;
using detail::quantity_json;

class ScenarioKind final : public detail::TableKind<ScenarioSpec> {
 public:
  std::string_view name() const override { return "scenario"; }
  std::string_view plural() const override { return "scenarios"; }
  std::vector<std::string_view> mlsysim_paths() const override {
    return {"Scenarios", "Applications", "Archetypes"};
  }

  Result<SpecRef> from_json(const Json& json, const Catalog& catalog) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto s = std::make_shared<ScenarioSpec>();
    if (!error) detail::read_identity(top, *s, &error);
    s->description = top.string("description", false).value_or("");
    s->workload = detail::referenced_model(top, "workload", catalog, &error);
    s->workload_data_rate = top.typed<ByteRate>("workload_data_rate", false);
    if (top.has("hardware") == top.has("fleet") && !error)
      top.fail("system", "give exactly one of hardware (a single device) and fleet");
    if (top.has("hardware")) s->hardware = detail::referenced_hardware(top, "hardware", catalog, &error);
    if (top.has("fleet"))
      s->fleet = detail::referenced<FleetSpec>(top, "fleet", fleet_kind(), catalog, true, &error);
    s->sla_latency = top.typed<Seconds>("sla_latency", false);
    s->power_budget = top.typed<Watts>("power_budget", false);
    s->target_accuracy = top.number("target_accuracy", false);
    if (error) return *error;
    return SpecRef(std::move(s));
  }

  Json to_json(const Spec& spec) const override {
    const auto& s = static_cast<const ScenarioSpec&>(spec);
    Json j = identity_json(s);
    j["description"] = s.description;
    j["workload"] = s.workload->id;
    if (s.workload_data_rate) j["workload_data_rate"] = quantity_json(*s.workload_data_rate);
    if (s.hardware) j["hardware"] = s.hardware->id;
    if (s.fleet) j["fleet"] = fleet_kind().to_json(*s.fleet);
    j["sla_latency"] = s.sla_latency ? quantity_json(*s.sla_latency) : Json();
    j["power_budget"] = s.power_budget ? quantity_json(*s.power_budget) : Json();
    j["target_accuracy"] = s.target_accuracy ? Json(*s.target_accuracy) : Json();
    return j;
  }

 protected:
  const std::vector<OwnField<ScenarioSpec>>& own() const override {
    static const std::vector<OwnField<ScenarioSpec>> table = {
        {"sla_latency", dims::time, false,
         [](const ScenarioSpec& s) { return s.sla_latency ? std::optional(s.sla_latency->value()) : std::nullopt; },
         [](ScenarioSpec& s, double v) { s.sla_latency = Seconds::from_value(v); }},
        {"power_budget", dims::power, false,
         [](const ScenarioSpec& s) { return s.power_budget ? std::optional(s.power_budget->value()) : std::nullopt; },
         [](ScenarioSpec& s, double v) { s.power_budget = Watts::from_value(v); }},
        {"workload_data_rate", dims::byte_rate, false,
         [](const ScenarioSpec& s) {
           return s.workload_data_rate ? std::optional(s.workload_data_rate->value()) : std::nullopt;
         },
         [](ScenarioSpec& s, double v) { s.workload_data_rate = ByteRate::from_value(v); }},
    };
    return table;
  }
};

class PersonaKind final : public detail::TableKind<PersonaSpec> {
 public:
  std::string_view name() const override { return "persona"; }
  std::string_view plural() const override { return "personas"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {"sim.Personas", "Personas"}; }

  Result<SpecRef> from_json(const Json& json, const Catalog&) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto p = std::make_shared<PersonaSpec>();
    if (!error) detail::read_identity(top, *p, &error);
    p->role = top.string("role", false).value_or("");
    p->scale_factor = top.number("scale_factor", true).value_or(1);
    p->primary_constraint = top.string("primary_constraint", false).value_or("");
    p->unit_of_scale = top.string("unit_of_scale", false).value_or("");
    if (!error && !(p->scale_factor >= 1)) top.fail("scale_factor", "must be at least 1 (devices)");
    if (error) return *error;
    return SpecRef(std::move(p));
  }

  Json to_json(const Spec& spec) const override {
    const auto& p = static_cast<const PersonaSpec&>(spec);
    Json j = identity_json(p);
    j["role"] = p.role;
    j["scale_factor"] = p.scale_factor;
    j["primary_constraint"] = p.primary_constraint;
    j["unit_of_scale"] = p.unit_of_scale;
    return j;
  }

 protected:
  const std::vector<OwnField<PersonaSpec>>& own() const override {
    static const std::vector<OwnField<PersonaSpec>> table = {
        {"scale_factor", dims::none, false, [](const PersonaSpec& p) { return std::optional(p.scale_factor); },
         [](PersonaSpec& p, double v) { p.scale_factor = v; }},
    };
    return table;
  }
};

}  // namespace

const SpecKind& ScenarioSpec::kind() const { return scenario_kind(); }
const SpecKind& PersonaSpec::kind() const { return persona_kind(); }

const SpecKind& scenario_kind() {
  static const ScenarioKind kind;
  return kind;
}
const SpecKind& persona_kind() {
  static const PersonaKind kind;
  return kind;
}

}  // namespace mlsysim
