#include "mlsysim/framework/spec.hpp"

#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/infra_spec.hpp"
#include "mlsysim/framework/scenario_spec.hpp"
#include "mlsysim/framework/providers.hpp"

namespace mlsysim {

Spec::~Spec() = default;
SpecKind::~SpecKind() = default;
SpecProvider::~SpecProvider() = default;

Result<SpecRef> SpecKind::from_id(std::string_view id, const Catalog& catalog) const {
  return catalog.spec(*this, id);
}

const std::vector<const SpecKind*>& spec_kinds() {
  static const std::vector<const SpecKind*> kinds = {&fleet_kind(), &node_kind(),       &fabric_kind(), &grid_kind(),
                                                     &datacenter_kind(), &rack_kind(), &tier_kind(),
                                                     &scenario_kind(), &persona_kind()};
  return kinds;
}

const SpecKind* find_spec_kind(std::string_view name) {
  for (const SpecKind* k : spec_kinds())
    if (k->name() == name) return k;
  return nullptr;
}

}  // namespace mlsysim
