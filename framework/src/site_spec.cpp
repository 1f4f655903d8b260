// The grid and datacenter kinds (zoo-fleet.md §6-7): where a fleet runs.
#include "mlsysim/framework/fleet_spec.hpp"

#include <fmt/format.h>

#include "spec_kind_table.hpp"
#include "spec_reference.hpp"

namespace mlsysim {
namespace {

using detail::ChildSpec;
using detail::OwnField;

OwnField<GridSpec> grid_number(const char* path, double GridSpec::*member) {
  return {path, dims::none, false, [member](const GridSpec& g) { return std::optional(g.*member); },
          [member](GridSpec& g, double v) { g.*member = v; }};
}

class GridKind final : public detail::TableKind<GridSpec> {
 public:
  std::string_view name() const override { return "grid"; }
  std::string_view plural() const override { return "grids"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {"Infra.Grids", "Grids", "Infra"}; }

  Result<SpecRef> from_json(const Json& json, const Catalog&) const override {
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto g = std::make_shared<GridSpec>();
    if (!error) detail::read_identity(top, *g, &error);
    if (!error && !top.has("name")) top.fail("name", "is required (it is reported as region_name)");
    // Negative intensities are kept (a grid that captures carbon), as 0.1.0 keeps them.
    g->carbon_intensity_g_kwh = top.signed_number("carbon_intensity_g_kwh", true).value_or(0);
    g->pue = top.number("pue", true).value_or(1);
    g->wue = top.number("wue", true).value_or(0);
    g->primary_source = top.string("primary_source", true).value_or("");
    g->lat = top.signed_number("lat", false);
    g->lon = top.signed_number("lon", false);
    g->renewable_pct = top.number("renewable_pct", false);
    g->kwh_price_usd = top.number("kwh_price_usd", false);
    if (!error && top.has("metadata")) {
      FieldReader meta(top.child("metadata"), "metadata", &error);
      g->provenance.source_url = meta.string("source_url", false).value_or(g->provenance.source_url);
      g->provenance.last_verified = meta.string("last_verified", false).value_or(g->provenance.last_verified);
    }
    if (error) return *error;
    return SpecRef(std::move(g));
  }

  Json to_json(const Spec& s) const override {
    const auto& g = static_cast<const GridSpec&>(s);
    auto optional = [](const std::optional<double>& v) { return v ? Json(*v) : Json(); };
    return {{"id", g.id},         {"name", g.name},
            {"aliases", g.aliases}, {"carbon_intensity_g_kwh", g.carbon_intensity_g_kwh},
            {"pue", g.pue},       {"wue", g.wue},
            {"primary_source", g.primary_source}, {"lat", optional(g.lat)},
            {"lon", optional(g.lon)}, {"renewable_pct", optional(g.renewable_pct)},
            {"kwh_price_usd", optional(g.kwh_price_usd)}};
  }

 protected:
  const std::vector<OwnField<GridSpec>>& own() const override {
    static const std::vector<OwnField<GridSpec>> table = {
        grid_number("carbon_intensity_g_kwh", &GridSpec::carbon_intensity_g_kwh),
        grid_number("pue", &GridSpec::pue),
        grid_number("wue", &GridSpec::wue),
        {"kwh_price_usd", dims::none, false, [](const GridSpec& g) { return g.kwh_price_usd; },
         [](GridSpec& g, double v) { g.kwh_price_usd = v; }},
    };
    return table;
  }
};

class DatacenterKind final : public detail::TableKind<DatacenterSpec> {
 public:
  std::string_view name() const override { return "datacenter"; }
  std::string_view plural() const override { return "datacenters"; }
  std::vector<std::string_view> mlsysim_paths() const override { return {}; }

  Result<SpecRef> from_json(const Json& json, const Catalog& catalog) const override {
    // A grid object where a datacenter is expected (0.1.0 accepts one): that grid, no override.
    if (json.is_object() && !json.contains("grid") && json.contains("carbon_intensity_g_kwh")) {
      Result<SpecRef> grid = grid_kind().from_json(json, catalog);
      if (!grid.ok()) return grid.error();
      return around(std::static_pointer_cast<const GridSpec>(*grid));
    }
    std::optional<Error> error;
    FieldReader top(json, "", &error);
    auto d = std::make_shared<DatacenterSpec>();
    if (!error) detail::read_identity(top, *d, &error);
    d->grid = detail::referenced<GridSpec>(top, "grid", grid_kind(), catalog, true, &error);
    d->pue_override = top.number("pue_override", false);
    if (error) return *error;
    return SpecRef(std::move(d));
  }

  // A datacenter id, or (as 0.1.0 accepts) a grid id: that grid, no override.
  Result<SpecRef> from_id(std::string_view id, const Catalog& catalog) const override {
    Result<SpecRef> own = catalog.spec(*this, id);
    if (own.ok()) return own;
    Result<SpecRef> grid = catalog.spec(grid_kind(), id);
    if (grid.ok()) return around(std::static_pointer_cast<const GridSpec>(*grid));
    Error e = own.error();  // neither: say so, with the grids' suggestion (no datacenter ships)
    e.message = fmt::format("{}; as a grid: {}", e.message, grid.error().message);
    return e;
  }

  // A bare grid as a datacenter: its id and name, no PUE override.
  static SpecRef around(std::shared_ptr<const GridSpec> grid) {
    auto d = std::make_shared<DatacenterSpec>();
    d->grid = std::move(grid);
    d->id = d->grid->id;
    d->name = d->grid->name;
    return SpecRef(std::move(d));
  }

  Json to_json(const Spec& s) const override {
    const auto& d = static_cast<const DatacenterSpec&>(s);
    return {{"id", d.id}, {"name", d.name}, {"grid", grid_kind().to_json(*d.grid)},
            {"pue_override", d.pue_override ? Json(*d.pue_override) : Json()}};
  }

 protected:
  const std::vector<OwnField<DatacenterSpec>>& own() const override {
    static const std::vector<OwnField<DatacenterSpec>> table = {
        {"pue_override", dims::none, false, [](const DatacenterSpec& d) { return d.pue_override; },
         [](DatacenterSpec& d, double v) { d.pue_override = v; }},
    };
    return table;
  }
  const std::vector<ChildSpec<DatacenterSpec>>& children() const override {
    static const std::vector<ChildSpec<DatacenterSpec>> table = {
        {"grid", &grid_kind, [](const DatacenterSpec& d) -> SpecRef { return d.grid; },
         [](DatacenterSpec& d, SpecRef r) { d.grid = std::static_pointer_cast<const GridSpec>(std::move(r)); }},
    };
    return table;
  }
};

}  // namespace

const SpecKind& GridSpec::kind() const { return grid_kind(); }
const SpecKind& DatacenterSpec::kind() const { return datacenter_kind(); }

const SpecKind& grid_kind() {
  static const GridKind kind;
  return kind;
}
const SpecKind& datacenter_kind() {
  static const DatacenterKind kind;
  return kind;
}

}  // namespace mlsysim
