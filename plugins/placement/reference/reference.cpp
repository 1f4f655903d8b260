// placement:reference — MLSys·im 0.1.0's PlacementOptimizer (physics-more.md §2.3).
#include <algorithm>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "mlsysim/contracts/economics.hpp"
#include "mlsysim/contracts/placement.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::placement {
namespace {

const char* kDoc =
    "MLSys·im 0.1.0 PlacementOptimizer, reproduced exactly: the economics contract once per region "
    "found, ranked by TCO + carbon (t) x carbon_tax_per_ton, first on ties. Quirks kept for parity: "
    "regions are matched to grid ids exactly and unknown names are skipped silently, so the default "
    "list's \"Iowa\" (no such grid in 0.1.0) leaves 2 regions searched; a region listed twice is searched "
    "twice; lowest_tco is the best region's TCO, not the lowest. No region found is refused (naming "
    "regions).";

struct Candidate {
  std::string region;
  double tco, carbon_t, pue, objective;
};

// The grid with exactly this id (0.1.0 looks regions up by key: no aliases, no paths).
std::shared_ptr<const GridSpec> grid_named(const Catalog& catalog, const std::string& id) {
  for (const SpecRef& s : catalog.all_specs(grid_kind()))
    if (s->id == id) return std::static_pointer_cast<const GridSpec>(s);
  return nullptr;
}

Status solve(sdk::Call<contracts::Placement>& call) {
  const auto& c = call.contract();
  Result<Bound<contracts::Economics>> cost = call.bind<contracts::Economics>();
  if (!cost.ok()) return cost.error();
  const auto& e = cost->contract();
  const double tax = call[c.in.carbon_tax_per_ton];
  std::vector<Candidate> found;
  for (const std::string& region : call[c.in.regions]) {
    std::shared_ptr<const GridSpec> grid = grid_named(call.context().catalog(), region);
    if (!grid) continue;
    cost->set_spec(e.in.grid, std::move(grid));
    if (Status st = cost->run(call.context(), region); !st.ok()) return st;
    const double tco = (*cost)[e.out.tco_usd], carbon_t = (*cost)[e.out.carbon_footprint_kg] / 1000.0;
    found.push_back({region, tco, carbon_t, (*cost)[e.out.pue], tco + carbon_t * tax});
  }
  if (found.empty())
    return Error::bad_input("regions", fmt::format("regions: none of [{}] is a grid id (see `mlsysim zoo grids`); "
                                                   "0.1.0 says: No valid regions found for optimization.",
                                                   fmt::join(call[c.in.regions], ", ")));
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.objective < b.objective; });
  RecordList top;
  for (const Candidate& k : found)
    top.push_back(Record{{"region", Value(k.region)}, {"tco", Value(k.tco)}, {"carbon", Value(k.carbon_t)},
                         {"pue", Value(k.pue)}, {"objective", Value(k.objective)}});
  const Candidate& best = found.front();
  call.set(c.out.objective_value, best.objective)
      .set(c.out.best_config_region, best.region)
      .set(c.out.total_searched, static_cast<std::int64_t>(found.size()))
      .set(c.out.best_region, best.region)
      .set(c.out.lowest_tco, best.tco)
      .set(c.out.carbon_footprint, best.carbon_t)
      .set(c.out.pue, best.pue)
      .set(c.out.top_candidates, std::move(top));
  return {};
}

}  // namespace
}  // namespace mlsysim::placement

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Placement, "reference", "0.1.0", mlsysim::placement::kDoc,
                       mlsysim::placement::solve)
