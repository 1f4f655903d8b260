// One JSON description of what the registry holds, shared by every front
// end: `mlsysim plugins list|show -o json` prints these, and Python's
// mlsysim.solvers() and mlsysim.plugins() return them as dicts.
//
//   port:     {name, kind, unit (null unless a quantity), doc,
//              inputs: required, optional, default (null if none), constraint (null if none),
//              outputs: nullable}
//   solver:   {name, contract, contract_version, variant, version, default, summary, tier,
//              walls: [{number, name, domain}], fallacies: [{misconception, reality}], doc,
//              library, variants, inputs, outputs, parameters, parameter_file}
//             (inputs: the contract's; parameters: the variant's own, each a port
//              with its value, fit range and prior)
//   plugin:   {path, loaded, reason, name, version, solvers, hardware_providers,
//              model_providers, diagnostics}
//   contract: {contract, version, summary, variants: [{variant, name, version, library, default}]}
//   hardware: every field of the spec (quantities as {value, unit} in base units, absent
//             ones null, precision_flops an object), and source (the zoo file)
//   model:    the same for a model spec ("class" as in zoo files: "transformer", "cnn", ...)
//   wall:     {number, name, domain, mlsysim_class, constraint, contracts: [names declaring it]}
#pragma once

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/registry/plugin_report.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

MLSYSIM_API Json port_json(const PortInfo& port, bool input);
MLSYSIM_API Json solver_json(const Registry& registry, const SolverHandle& solver);
MLSYSIM_API Json plugin_json(const PluginReport& report);
MLSYSIM_API Json contracts_json(const Registry& registry);
MLSYSIM_API Json hardware_json(const HardwareSpec& hardware);
MLSYSIM_API Json model_json(const ModelSpec& model);
// The taxonomy of walls.hpp, each with the loaded contracts that declare it.
MLSYSIM_API Json walls_json(const Registry& registry);

}  // namespace mlsysim
