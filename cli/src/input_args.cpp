#include "input_args.hpp"

#include "solve_printer.hpp"

namespace mlsysim::cli {

void InputArgs::add_options(CLI::App& command, bool shorthands) {
  command.add_option("--set", sets, "Input as name=value (repeatable), e.g. --set batch_size=8");
  if (!shorthands) return;
  command.add_option("--model", model, "Shorthand for --set model=...");
  command.add_option("--hardware", hardware, "Shorthand for --set hardware=...");
  command.add_option("--batch-size", batch_size, "Shorthand for --set batch_size=...");
  command.add_option("--precision", precision, "Shorthand for --set precision=...");
}

Result<Record> InputArgs::build(const Registry& registry, const SolverInfo& info) const {
  Result<Record> inputs = inputs_from_sets(registry, info, sets);
  if (!inputs.ok()) return inputs.error();
  const std::pair<const char*, const std::optional<std::string>*> shorthands[] = {
      {"model", &model}, {"hardware", &hardware}, {"batch_size", &batch_size}, {"precision", &precision}};
  for (const auto& [name, text] : shorthands) {
    if (!*text) continue;
    if (Status st = set_input(registry, info, name, **text, *inputs); !st.ok()) return st.error();
  }
  return inputs;
}

}  // namespace mlsysim::cli
