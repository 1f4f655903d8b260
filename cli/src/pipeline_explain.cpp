#include "pipeline_explain.hpp"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "human.hpp"
#include "terminal_text.hpp"
#include "mlsysim/framework/walls.hpp"

namespace mlsysim::cli {
namespace {

std::string walls_text(const ContractInfo& c) {
  std::vector<std::string> names;
  for (int n : c.walls)
    if (const Wall* w = find_wall(n)) names.push_back(fmt::format("{} {}", w->number, w->name));
  return names.empty() ? "no wall" : "walls " + join(names);
}

Json as_json(const std::string& name, const std::vector<Pipeline::StageExplanation>& stages,
             const std::vector<std::string>& domains) {
  Json list = Json::array(), flow = Json::array();
  for (const auto& s : stages) {
    const ContractInfo& c = s.solver->info().contract();
    Json inputs = Json::object();
    for (const auto& [port, source] : s.inputs) inputs[port] = source;
    list.push_back({{"id", s.id}, {"solver", s.solver->full_name()}, {"tier", to_string(c.tier)},
                    {"walls", c.walls}, {"inputs", inputs}, {"defaults", s.defaults}, {"outputs", s.outputs}});
    flow.push_back(s.id);
  }
  return {{"name", name}, {"stages", list}, {"flow", flow}, {"domains", domains}};
}

}  // namespace

int print_explanation(Environment& env, const std::string& name, const Pipeline& pipeline) {
  const std::vector<Pipeline::StageExplanation> stages = pipeline.explain();
  std::set<int> covered;
  for (const auto& s : stages)
    for (int w : s.solver->info().contract().walls) covered.insert(w);
  std::vector<std::string> domains;
  for (std::string_view d : wall_domains())
    for (int w : covered)
      if (find_wall(w)->domain == d) {
        domains.emplace_back(d);
        break;
      }
  if (env.json()) {
    fmt::print("{}\n", as_json(name, stages, domains).dump(2));
    return kOk;
  }
  std::vector<std::string> flow;
  int n = 0;
  for (const auto& s : stages) {
    const ContractInfo& c = s.solver->info().contract();
    fmt::print("{}. {}: {} ({}; {})\n", ++n, s.id, s.solver->full_name(), to_string(c.tier), walls_text(c));
    std::vector<std::string> takes;
    for (const auto& [port, source] : s.inputs) takes.push_back(port + " <- " + source);
    fmt::print("{}\n", wrap("   takes: " + (takes.empty() ? std::string("nothing") : join(takes))));
    if (!s.defaults.empty()) fmt::print("{}\n", wrap("   defaults: " + join(s.defaults)));
    fmt::print("{}\n", wrap(fmt::format("   gives: {}", join(s.outputs))));
    flow.push_back(s.id);
  }
  std::vector<std::string> wall_numbers;
  for (int w : covered) wall_numbers.push_back(std::to_string(w));
  fmt::print("Flow: {}\n", fmt::join(flow, " -> "));
  fmt::print("Domains covered: {} (walls {})\n", domains.empty() ? "none" : join(domains),
             wall_numbers.empty() ? "none" : join(wall_numbers));
  return kOk;
}

}  // namespace mlsysim::cli
