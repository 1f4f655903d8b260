// economics:reference — MLSys·im 0.1.0's EconomicsModel (physics-more.md §2.2).
#include <memory>

#include <fmt/format.h>

#include "mlsysim/contracts/economics.hpp"
#include "mlsysim/contracts/sustainability.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::economics {
namespace {

constexpr double kUnitCostFallbackUsd = 30'000;  // H100
constexpr double kKwhPriceFallbackUsd = 0.12;
constexpr double kMaintenancePerYear = 0.05;     // of CapEx
constexpr double kDaysPerYear = 365, kJoulesPerKwh = 3.6e6;

const char* kDoc =
    "MLSys·im 0.1.0 EconomicsModel, reproduced exactly; energy, carbon and water from the "
    "sustainability contract (the datacenter if given, else the grid). Quirks kept for parity: the "
    "electricity price is 0.12 USD/kWh unless kwh_price is given or a grid (grid, then the fleet's "
    "region) carries kwh_price_usd, which no zoo grid does; an accelerator without a unit cost is priced "
    "as an H100 (30,000 USD); a negative duration or amortization gives negative costs. Refused where "
    "0.1.0 divides by zero: amortization_years 0.";

// The price of a kWh: the argument's, else the first grid that has one.
double kwh_price(sdk::Call<contracts::Economics>& call, const FleetSpec& fleet) {
  const auto& c = call.contract();
  if (call.given(c.in.kwh_price)) return call[c.in.kwh_price];
  if (call.given(c.in.grid) && call[c.in.grid].kwh_price_usd) return *call[c.in.grid].kwh_price_usd;
  if (fleet.region && fleet.region->kwh_price_usd) return *fleet.region->kwh_price_usd;
  return kKwhPriceFallbackUsd;
}

Status solve(sdk::Call<contracts::Economics>& call) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  const double years = call[c.in.amortization_years];
  if (years == 0)
    return Error::bad_input("amortization_years", "amortization_years: 0 years spreads CapEx over no time "
                                                  "(0.1.0 divides by zero); expected a non-zero number of years");
  // Step 1: energy, carbon and water, on the datacenter if given, else on the grid.
  Result<Bound<contracts::Sustainability>> energy = call.bind<contracts::Sustainability>();
  if (!energy.ok()) return energy.error();
  const auto& s = energy->contract();
  if (!call.given(c.in.datacenter) && call.given(c.in.grid)) {
    auto site = std::make_shared<DatacenterSpec>();  // a bare grid, as 0.1.0 passes it
    site->grid = call.shared(c.in.grid);
    energy->set_spec(s.in.datacenter, std::shared_ptr<const DatacenterSpec>(std::move(site)));
  }
  if (Status st = energy->run(call.context(), "energy"); !st.ok()) return st;

  // Steps 2-6: the bill.
  const double days = call[c.in.duration_days];
  const double total_kwh = (*energy)[s.out.total_energy_kwh].value() / kJoulesPerKwh;
  const double opex_energy = total_kwh * kwh_price(call, fleet);
  const HardwareSpec& chip = *fleet.node->accelerator;
  const double unit_cost = chip.unit_cost_usd ? *chip.unit_cost_usd : kUnitCostFallbackUsd;
  const double capex = unit_cost * static_cast<double>(fleet.total_accelerators()) *
                       call[c.in.infrastructure_multiplier];
  const double capex_period = capex / years * (days / kDaysPerYear);
  const double maintenance = capex * kMaintenancePerYear * (days / kDaysPerYear);
  call.set(c.out.capex_usd, capex_period)
      .set(c.out.opex_energy_usd, opex_energy)
      .set(c.out.opex_maintenance_usd, maintenance)
      .set(c.out.total_opex_usd, opex_energy + maintenance)
      .set(c.out.tco_usd, capex_period + opex_energy + maintenance)
      .set(c.out.it_energy_kwh, (*energy)[s.out.it_energy_kwh])
      .set(c.out.total_energy_kwh, (*energy)[s.out.total_energy_kwh])
      .set(c.out.carbon_footprint_kg, (*energy)[s.out.carbon_footprint_kg])
      .set(c.out.water_usage_liters, (*energy)[s.out.water_usage_liters])
      .set(c.out.pue, (*energy)[s.out.pue])
      .set(c.out.region_name, (*energy)[s.out.region_name]);
  return {};
}

}  // namespace
}  // namespace mlsysim::economics

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Economics, "reference", "0.1.0", mlsysim::economics::kDoc,
                       mlsysim::economics::solve)
