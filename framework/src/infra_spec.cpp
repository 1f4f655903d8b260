// The rack and deployment-tier kinds (zoo-fleet.md §7).
#include "mlsysim/framework/infra_spec.hpp"

#include "spec_kind_table.hpp"
#include "spec_reference.hpp"

namespace mlsysim {
namespace {

using detail::identity_json;
using detail::OwnField;
using detail::quantity_json;

class RackKind final : public detail::TableKind<RackSpec> {
 public:
  std::string_view name() const override { return "rack"; }
  std::string_view plural() const override { return "racks"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {"Infra.Racks", "Racks"}; }

  Result<SpecRef> from_json(const Json& json, const Catalog&) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto r = std::make_shared<RackSpec>();
    if (!error) detail::read_identity(top, *r, &error);
    r->power_kw = top.number("power_kw", true).value_or(0);
    r->cooling_type = top.string("cooling_type", true).value_or("");
    if (error) return *error;
    return SpecRef(std::move(r));
  }

  Json to_json(const Spec& s) const override {
    const auto& r = static_cast<const RackSpec&>(s);
    Json j = identity_json(r);
    j["power_kw"] = r.power_kw;
    j["cooling_type"] = r.cooling_type;
    return j;
  }

 protected:
  const std::vector<OwnField<RackSpec>>& own() const override {
    static const std::vector<OwnField<RackSpec>> table = {
        {"power_kw", dims::none, false, [](const RackSpec& r) { return std::optional(r.power_kw); },
         [](RackSpec& r, double v) { r.power_kw = v; }},
    };
    return table;
  }
};

class TierKind final : public detail::TableKind<TierSpec> {
 public:
  std::string_view name() const override { return "tier"; }
  std::string_view plural() const override { return "tiers"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {"Systems.Tiers", "Tiers"}; }

  Result<SpecRef> from_json(const Json& json, const Catalog&) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto t = std::make_shared<TierSpec>();
    if (!error) detail::read_identity(top, *t, &error);
    t->ram = top.typed<Bytes>("ram", true).value_or(Bytes{});
    t->storage = top.typed<Bytes>("storage", true).value_or(Bytes{});
    t->typical_latency_budget = top.typed<Seconds>("typical_latency_budget", true).value_or(Seconds{});
    if (error) return *error;
    return SpecRef(std::move(t));
  }

  Json to_json(const Spec& s) const override {
    const auto& t = static_cast<const TierSpec&>(s);
    Json j = identity_json(t);
    j["ram"] = quantity_json(t.ram);
    j["storage"] = quantity_json(t.storage);
    j["typical_latency_budget"] = quantity_json(t.typical_latency_budget);
    return j;
  }

 protected:
  const std::vector<OwnField<TierSpec>>& own() const override {
    static const std::vector<OwnField<TierSpec>> table = {
        {"ram", dims::bytes, false, [](const TierSpec& t) { return std::optional(t.ram.value()); },
         [](TierSpec& t, double v) { t.ram = Bytes::from_value(v); }},
        {"storage", dims::bytes, false, [](const TierSpec& t) { return std::optional(t.storage.value()); },
         [](TierSpec& t, double v) { t.storage = Bytes::from_value(v); }},
        {"typical_latency_budget", dims::time, false,
         [](const TierSpec& t) { return std::optional(t.typical_latency_budget.value()); },
         [](TierSpec& t, double v) { t.typical_latency_budget = Seconds::from_value(v); }},
    };
    return table;
  }
};

}  // namespace

const SpecKind& RackSpec::kind() const { return rack_kind(); }
const SpecKind& TierSpec::kind() const { return tier_kind(); }

const SpecKind& rack_kind() {
  static const RackKind kind;
  return kind;
}
const SpecKind& tier_kind() {
  static const TierKind kind;
  return kind;
}

}  // namespace mlsysim
