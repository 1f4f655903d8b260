// What the scorecard and the ledger share: solving a contract by name with
// a few inputs, reading a number back, a single device as the
// one-accelerator fleet 0.1.0 prices it as, the flat form of a scorecard
// and money as 0.1.0 prints it.
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/scorecard.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim::scenarios {

inline Result<Record> run(const Registry& registry, Session& session, std::string_view solver, const Record& inputs) {
  return registry.solve(solver, inputs, session);
}

// An output's number (a quantity's base value); NaN when absent or null.
inline double number(const Record& r, std::string_view name) { return r.number_or(name, NAN); }

// One node of one `device`, on Ethernet_10G (0.1.0's fleet for a single device).
inline Result<std::shared_ptr<const FleetSpec>> one_accelerator_fleet(const Registry& registry, HardwareRef device,
                                                                      double nodes = 1) {
  Result<SpecRef> fabric = registry.spec(fabric_kind(), "Ethernet_10G");
  if (!fabric.ok()) return fabric.error();
  auto node = std::make_shared<NodeSpec>();
  node->id = node->name = device->id;
  node->accelerator = std::move(device);
  node->accelerators_per_node = 1;
  auto fleet = std::make_shared<FleetSpec>();
  fleet->id = fleet->name = node->id + " x " + fmt::format("{:g}", nodes);
  fleet->node = std::move(node);
  fleet->count = static_cast<std::int64_t>(nodes);
  fleet->fabric = std::static_pointer_cast<const FabricSpec>(*fabric);
  return std::shared_ptr<const FleetSpec>(std::move(fleet));
}

// The flat form: scenario, f_status, p_status, m_status, then the figures.
inline void flatten(Scorecard& card) {
  static const char* const kKeys[] = {"f_status", "p_status", "m_status"};
  Record flat{{"scenario", Value(card.subject)}};
  for (std::size_t i = 0; i < 3; ++i) flat.set(Name(kKeys[i]), Value(std::string(to_string(card.levels[i].verdict))));
  for (const Record::Field& f : card.figures) flat.set(f.name, f.value);
  card.figures = std::move(flat);
}

// "$11,500": whole dollars with thousands separators.
inline std::string dollars(double usd) {
  std::string digits = fmt::format("{:.0f}", std::fabs(usd));
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return (usd < 0 ? "-$" : "$") + digits;
}

}  // namespace mlsysim::scenarios
