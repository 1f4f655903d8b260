// `mlsysim zoo [hardware|models]`: what the hardware and model providers serve.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/describe.hpp"

namespace mlsysim::cli {
namespace {

std::string opt(const std::optional<double>& v) { return v ? fmt::format("{:.4g}", *v) : "-"; }

void print_hardware(Environment& env) {
  auto all = env.registry().all_hardware();
  if (env.json()) {
    Json list = Json::array();
    for (const HardwareRef& h : all) list.push_back(hardware_json(*h));
    fmt::print("{}\n", list.dump(2));
    return;
  }
  Table t({"id", "name", "category", "peak (default)", "memory", "bandwidth", "tdp", "aliases"});
  for (const HardwareRef& h : all)
    t.add({h->id, h->name, h->category, Value(h->peak_flops), Value(h->memory_capacity),
           Value(h->memory_bandwidth), h->tdp ? Cell(Value(*h->tdp)) : Cell(Value()), join(h->aliases)});
  fmt::print("{}", t.render());
}

void print_models(Environment& env) {
  auto all = env.registry().all_models();
  if (env.json()) {
    Json list = Json::array();
    for (const ModelRef& m : all) list.push_back(model_json(*m));
    fmt::print("{}\n", list.dump(2));
    return;
  }
  Table t({"id", "name", "class", "parameters", "forward FLOPs", "layers", "category"});
  for (const ModelRef& m : all)
    t.add({m->id, m->name, std::string(to_string(m->family)),
           m->parameters ? Cell(Value(*m->parameters), opt(m->parameters)) : Cell(Value()),
           m->inference_flops ? Cell(Value(*m->inference_flops)) : Cell(Value()),
           m->layers ? Cell(Value(*m->layers)) : Cell(Value()), m->category});
  fmt::print("{}", t.render());
}

}  // namespace

void add_zoo_command(CLI::App& app, Environment& env, int& exit_code) {
  auto what = std::make_shared<std::string>("all");
  CLI::App* cmd = app.add_subcommand("zoo", "List the hardware and models the providers serve");
  cmd->add_option("what", *what, "hardware, models, or all (default)")
      ->check(CLI::IsMember({"hardware", "models", "all"}));
  cmd->callback([what, &env, &exit_code] {
    if (*what == "all" && env.json()) {
      exit_code = env.fail(Error::bad_input("what", "with -o json, name one of hardware or models"));
      return;
    }
    if (*what != "models") print_hardware(env);
    if (*what == "all") fmt::print("\n");
    if (*what != "hardware") print_models(env);
  });
}

}  // namespace mlsysim::cli
