// The contracts the kernel knows: those whose headers ship in the SDK. An
// implementation of one of them must match it exactly (version and ports),
// or its plugin is refused.
#pragma once

#include <string>
#include <vector>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/export.hpp"

namespace mlsysim {

MLSYSIM_API const std::vector<const Contract*>& known_contracts();
// nullptr if `name` is not one of them.
MLSYSIM_API const Contract* find_known_contract(std::string_view name);

// How `got`'s version or ports differ from `expected`'s, or empty if they
// match (names, kinds, units, required/optional, in order).
MLSYSIM_API std::string contract_difference(const ContractInfo& expected, const ContractInfo& got);

}  // namespace mlsysim
