// `mlsysim pipeline explain SPEC`: the chain as MLSys·im's Pipeline.explain()
// describes it — each stage's solver, tier and walls, what it takes (and
// from where), what it leaves at defaults and what it gives — then the flow
// and the domains of the walls covered.
#pragma once

#include <string>

#include "environment.hpp"
#include "mlsysim/registry/pipeline.hpp"

namespace mlsysim::cli {

int print_explanation(Environment& env, const std::string& name, const Pipeline& pipeline);

}  // namespace mlsysim::cli
