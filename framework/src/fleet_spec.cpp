// The fabric, node and fleet kinds: JSON as zoo-fleet.md §9 gives it, and
// their numeric fields ("fabric.bandwidth", "node.accelerator.peak_flops").
#include "mlsysim/framework/fleet_spec.hpp"

#include "mlsysim/framework/units.hpp"
#include "spec_kind_table.hpp"
#include "spec_reference.hpp"

namespace mlsysim {
namespace {

using detail::ChildSpec;
using detail::OwnField;

using detail::identity_json;
using detail::quantity_json;

class FabricKind final : public detail::TableKind<FabricSpec> {
 public:
  std::string_view name() const override { return "fabric"; }
  std::string_view plural() const override { return "fabrics"; }
  std::vector<std::string_view> mlsysim_paths() const override {
    return {"Systems.Fabrics", "Hardware.Networks", "Fabrics", "Networks"};
  }

  Result<SpecRef> from_json(const Json& json, const Catalog&) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto f = std::make_shared<FabricSpec>();
    if (!error) detail::read_identity(top, *f, &error);
    f->topology = top.string("topology", false).value_or("fat-tree");
    f->bandwidth = top.typed<ByteRate>("bandwidth", true).value_or(ByteRate{});
    f->latency = top.typed<Seconds>("latency", false);
    f->oversubscription_ratio = top.number("oversubscription_ratio", false).value_or(1.0);
    if (error) return *error;
    return SpecRef(std::move(f));
  }

  Json to_json(const Spec& s) const override {
    const auto& f = static_cast<const FabricSpec&>(s);
    Json j = identity_json(f);
    j["topology"] = f.topology;
    j["bandwidth"] = quantity_json(f.bandwidth);
    j["latency"] = quantity_json(f.latency);
    j["oversubscription_ratio"] = f.oversubscription_ratio;
    return j;
  }

 protected:
  const std::vector<OwnField<FabricSpec>>& own() const override {
    static const std::vector<OwnField<FabricSpec>> table = {
        {"bandwidth", dims::byte_rate, false, [](const FabricSpec& f) { return std::optional(f.bandwidth.value()); },
         [](FabricSpec& f, double v) { f.bandwidth = ByteRate::from_value(v); }},
        {"latency", dims::time, false,
         [](const FabricSpec& f) { return f.latency ? std::optional(f.latency->value()) : std::nullopt; },
         [](FabricSpec& f, double v) { f.latency = Seconds::from_value(v); }},
        {"oversubscription_ratio", dims::none, false,
         [](const FabricSpec& f) { return std::optional(f.oversubscription_ratio); },
         [](FabricSpec& f, double v) { f.oversubscription_ratio = v; }},
    };
    return table;
  }
};

OwnField<NodeSpec> count_field(const char* path, std::int64_t NodeSpec::*member) {
  return {path, dims::none, true, [member](const NodeSpec& n) { return std::optional(static_cast<double>(n.*member)); },
          [member](NodeSpec& n, double v) { n.*member = static_cast<std::int64_t>(v); }};
}

class NodeKind final : public detail::TableKind<NodeSpec> {
 public:
  std::string_view name() const override { return "node"; }
  std::string_view plural() const override { return "nodes"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {"Systems.Nodes", "Nodes"}; }

  Result<SpecRef> from_json(const Json& json, const Catalog& catalog) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto n = std::make_shared<NodeSpec>();
    if (!error) detail::read_identity(top, *n, &error);
    n->accelerator = detail::referenced_hardware(top, "accelerator", catalog, &error);
    n->accelerators_per_node = top.integer("accelerators_per_node", true).value_or(1);
    n->intra_node_bw = top.typed<ByteRate>("intra_node_bw", true).value_or(ByteRate{});
    n->nics_per_node = top.integer("nics_per_node", false).value_or(1);
    n->psus_per_node = top.integer("psus_per_node", false).value_or(2);
    if (!error && n->accelerators_per_node < 1) top.fail("accelerators_per_node", "must be at least 1");
    if (error) return *error;
    return SpecRef(std::move(n));
  }

  Json to_json(const Spec& s) const override {
    const auto& n = static_cast<const NodeSpec&>(s);
    Json j = identity_json(n);
    j["accelerator"] = n.accelerator->id;
    j["accelerators_per_node"] = n.accelerators_per_node;
    j["intra_node_bw"] = quantity_json(n.intra_node_bw);
    j["nics_per_node"] = n.nics_per_node;
    j["psus_per_node"] = n.psus_per_node;
    return j;
  }

 protected:
  const std::vector<OwnField<NodeSpec>>& own() const override {
    static const std::vector<OwnField<NodeSpec>> table = {
        count_field("accelerators_per_node", &NodeSpec::accelerators_per_node),
        {"intra_node_bw", dims::byte_rate, false, [](const NodeSpec& n) { return std::optional(n.intra_node_bw.value()); },
         [](NodeSpec& n, double v) { n.intra_node_bw = ByteRate::from_value(v); }},
        count_field("nics_per_node", &NodeSpec::nics_per_node),
        count_field("psus_per_node", &NodeSpec::psus_per_node),
    };
    return table;
  }
  const char* hardware_child() const override { return "accelerator"; }
  HardwareRef hardware_of(const NodeSpec& n) const override { return n.accelerator; }
  void set_hardware(NodeSpec& n, HardwareRef h) const override { n.accelerator = std::move(h); }
};

template <class T>
ChildSpec<FleetSpec> child(const char* name, const SpecKind& (*kind)(), std::shared_ptr<const T> FleetSpec::*member) {
  return {name, kind, [member](const FleetSpec& f) -> SpecRef { return f.*member; },
          [member](FleetSpec& f, SpecRef r) { f.*member = std::static_pointer_cast<const T>(std::move(r)); }};
}

class FleetKind final : public detail::TableKind<FleetSpec> {
 public:
  std::string_view name() const override { return "fleet"; }
  std::string_view plural() const override { return "fleets"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {"Systems.Clusters", "Clusters"}; }

  Result<SpecRef> from_json(const Json& json, const Catalog& catalog) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto f = std::make_shared<FleetSpec>();
    if (!error) detail::read_identity(top, *f, &error);
    f->node = detail::referenced<NodeSpec>(top, "node", node_kind(), catalog, true, &error);
    f->count = top.integer("count", true).value_or(0);
    f->fabric = detail::referenced<FabricSpec>(top, "fabric", fabric_kind(), catalog, true, &error);
    f->region = detail::referenced<GridSpec>(top, "region", grid_kind(), catalog, false, &error);
    f->datacenter = detail::referenced<DatacenterSpec>(top, "datacenter", datacenter_kind(), catalog, false, &error);
    f->mtbf = top.typed<Seconds>("mtbf_hours", false);
    if (error) return *error;
    return SpecRef(std::move(f));
  }

  Json to_json(const Spec& s) const override {
    const auto& f = static_cast<const FleetSpec&>(s);
    Json j = identity_json(f);
    j["node"] = node_kind().to_json(*f.node);
    j["count"] = f.count;
    j["total_accelerators"] = f.total_accelerators();
    j["fabric"] = fabric_kind().to_json(*f.fabric);
    j["region"] = f.region ? grid_kind().to_json(*f.region) : Json();
    j["datacenter"] = f.datacenter ? datacenter_kind().to_json(*f.datacenter) : Json();
    j["mtbf_hours"] = quantity_json(f.mtbf);
    return j;
  }

 protected:
  const std::vector<OwnField<FleetSpec>>& own() const override {
    static const std::vector<OwnField<FleetSpec>> table = {
        {"count", dims::none, true, [](const FleetSpec& f) { return std::optional(static_cast<double>(f.count)); },
         [](FleetSpec& f, double v) { f.count = static_cast<std::int64_t>(v); }},
        {"mtbf_hours", dims::time, false,
         [](const FleetSpec& f) { return f.mtbf ? std::optional(f.mtbf->value()) : std::nullopt; },
         [](FleetSpec& f, double v) { f.mtbf = Seconds::from_value(v); }},
    };
    return table;
  }
  const std::vector<ChildSpec<FleetSpec>>& children() const override {
    static const std::vector<ChildSpec<FleetSpec>> table = {
        child("node", &node_kind, &FleetSpec::node),
        child("fabric", &fabric_kind, &FleetSpec::fabric),
        child("region", &grid_kind, &FleetSpec::region),
        child("datacenter", &datacenter_kind, &FleetSpec::datacenter),
    };
    return table;
  }
};

}  // namespace

const SpecKind& FabricSpec::kind() const { return fabric_kind(); }
const SpecKind& NodeSpec::kind() const { return node_kind(); }
const SpecKind& FleetSpec::kind() const { return fleet_kind(); }

const SpecKind& fabric_kind() {
  static const FabricKind kind;
  return kind;
}
const SpecKind& node_kind() {
  static const NodeKind kind;
  return kind;
}
const SpecKind& fleet_kind() {
  static const FleetKind kind;
  return kind;
}

}  // namespace mlsysim
