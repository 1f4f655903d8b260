// `mlsysim walls [N] [--domain D]`: MLSys·im's taxonomy of 22 walls by
// domain, each with the loaded contracts that model it (a contract declares
// its walls: `plugins show` prints them) and MLSys·im's resolver for it.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/framework/walls.hpp"
#include "mlsysim/registry/describe.hpp"

namespace mlsysim::cli {
namespace {

struct WallsArgs {
  int number = 0;  // 0: all
  std::string domain;
};

std::string contracts_of(const Json& wall) {
  std::vector<std::string> names;
  for (const Json& c : wall["contracts"]) names.push_back(c.get<std::string>());
  return names.empty() ? "-" : join(names);
}

int list_walls(Environment& env, const WallsArgs& args) {
  if (args.number != 0 && find_wall(args.number) == nullptr)
    return env.fail(Error::bad_input("wall", fmt::format("wall {}: the walls are numbered 1 to {}", args.number,
                                                         walls().size())));
  std::vector<std::string> domains(wall_domains().begin(), wall_domains().end());
  if (!args.domain.empty() && std::find(domains.begin(), domains.end(), args.domain) == domains.end())
    return env.fail(Error::bad_input("--domain", fmt::format("--domain '{}': expected one of {}{}", args.domain,
                                                             join(domains), did_you_mean(args.domain, domains))));
  Json chosen = Json::array();
  for (const Json& w : walls_json(env.registry()))
    if ((args.number == 0 || w["number"] == args.number) && (args.domain.empty() || w["domain"] == args.domain))
      chosen.push_back(w);
  if (env.json()) {
    fmt::print("{}\n", chosen.dump(2));
    return kOk;
  }
  Table t({"wall", "name", "domain", "modelled by", "MLSys·im", "constraint"});
  for (const Json& w : chosen)
    t.add({Value(w["number"].get<std::int64_t>()), w["name"].get<std::string>(), w["domain"].get<std::string>(),
           contracts_of(w), w["mlsysim_class"].get<std::string>(), w["constraint"].get<std::string>()});
  fmt::print("{}", t.render());
  return kOk;
}

}  // namespace

void add_walls_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<WallsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "walls", "MLSys·im's 22 walls (node, data, algorithm, fleet, operations, analysis) and the contracts that "
               "model each");
  cmd->add_option("wall", args->number, "One wall by number (1-22)");
  cmd->add_option("--domain", args->domain, "Only this domain: node, data, algorithm, fleet, operations, analysis");
  cmd->callback([args, &env, &exit_code] { exit_code = list_walls(env, *args); });
}

}  // namespace mlsysim::cli
