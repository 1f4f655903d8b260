// Pipeline::explain: each stage's inputs with where their values come from,
// the inputs left at their defaults, and its outputs (`pipeline explain`).
#include <algorithm>

#include <fmt/format.h>

#include "compiled_pipeline.hpp"

namespace mlsysim {

std::vector<Pipeline::StageExplanation> Pipeline::explain() const {
  const Compiled& c = *compiled_;
  auto source_text = [&](const Compiled::Source& s) -> std::string {
    using Kind = Compiled::Source::Kind;
    switch (s.kind) {
      case Kind::kConstant: return s.constant.describe();
      case Kind::kSlot: return fmt::format("swept {}", c.axes[c.slots[s.slot].axis].name);
      case Kind::kStageOutput: return fmt::format("{}.{}", c.results[s.stage].id, s.output.view());
      case Kind::kExpression: return "= " + (s.expression ? s.expression->text() : std::string("?"));
    }
    return "?";
  };
  std::vector<StageExplanation> out;
  for (std::size_t i = 0; i < c.stages.size(); ++i) {
    const Compiled::Stage& stage = c.stages[i];
    StageExplanation e{c.results[i].id, stage.solver, {}, {}, {}};
    for (const Compiled::Binding& b : stage.bindings) e.inputs.emplace_back(b.port.str(), source_text(b.source));
    for (const PortInfo& p : stage.solver->info().inputs()) {
      const bool bound = std::any_of(stage.bindings.begin(), stage.bindings.end(),
                                     [&](const Compiled::Binding& b) { return b.port == p.name; });
      if (!bound) e.defaults.push_back(p.name.str());
    }
    for (const PortInfo& p : stage.solver->info().outputs()) e.outputs.push_back(p.name.str());
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace mlsysim
