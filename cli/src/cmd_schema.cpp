// `mlsysim schema [-t plan|hardware|workload]`: the JSON Schema of a plan
// file or of a spec file, as MLSys·im's CLI prints it (`model` is accepted
// for `workload`).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/spec_schema.hpp"
#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/registry/plan.hpp"

namespace mlsysim::cli {

void add_schema_command(CLI::App& app, Environment& env, int& exit_code) {
  auto type = std::make_shared<std::string>("plan");
  CLI::App* cmd = app.add_subcommand("schema", "JSON Schema of a plan file or of a hardware or workload spec file");
  cmd->add_option("-t,--type", *type, "plan (default), hardware or workload");
  cmd->callback([type, &env, &exit_code] {
    const std::vector<std::string> kinds = {"plan", "hardware", "workload", "model"};
    if (*type == "plan") fmt::print("{}\n", plan_schema().dump(2));
    else if (*type == "hardware") fmt::print("{}\n", hardware_schema().dump(2));
    else if (*type == "workload" || *type == "model") fmt::print("{}\n", model_schema().dump(2));
    else {
      exit_code = env.fail(Error::bad_input("--type", fmt::format("--type '{}': expected plan, hardware or workload{}",
                                                                  *type, did_you_mean(*type, kinds))));
      return;
    }
    exit_code = kOk;
  });
}

}  // namespace mlsysim::cli
