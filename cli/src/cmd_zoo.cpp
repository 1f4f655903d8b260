// `mlsysim zoo [hardware|models|fleets|nodes|fabrics|grids|datacenters]`:
// what the providers serve.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/describe.hpp"

namespace mlsysim::cli {
namespace {

std::string opt(const std::optional<double>& v) { return v ? fmt::format("{:.4g}", *v) : "-"; }

// Prints the table, or refuses a --columns name it does not have when one
// kind is listed (`zoo all` prints tables of different columns).
Status print_checked(const Table& t, bool strict) {
  if (strict)
    if (std::optional<Error> unknown = t.unknown_column()) return *unknown;
  fmt::print("{}", t.render());
  return {};
}

Status print_hardware(Environment& env, bool strict) {
  auto all = env.registry().all_hardware();
  if (env.json()) {
    Json list = Json::array();
    for (const HardwareRef& h : all) list.push_back(hardware_json(*h));
    fmt::print("{}\n", list.dump(2));
    return {};
  }
  Table t({"id", "name", "category", "peak (default)", "memory", "bandwidth", "tdp", "aliases"});
  for (const HardwareRef& h : all)
    t.add({h->id, h->name, h->category, Value(h->peak_flops), Value(h->memory_capacity),
           Value(h->memory_bandwidth), h->tdp ? Cell(Value(*h->tdp)) : Cell(Value()), join(h->aliases)});
  return print_checked(t, strict);
}

Status print_models(Environment& env, bool strict) {
  auto all = env.registry().all_models();
  if (env.json()) {
    Json list = Json::array();
    for (const ModelRef& m : all) list.push_back(model_json(*m));
    fmt::print("{}\n", list.dump(2));
    return {};
  }
  Table t({"id", "name", "class", "parameters", "forward FLOPs", "layers", "category"});
  for (const ModelRef& m : all)
    t.add({m->id, m->name, std::string(to_string(m->family)),
           m->parameters ? Cell(Value(*m->parameters), opt(m->parameters)) : Cell(Value()),
           m->inference_flops ? Cell(Value(*m->inference_flops)) : Cell(Value()),
           m->layers ? Cell(Value(*m->layers)) : Cell(Value()), m->category});
  return print_checked(t, strict);
}

// A cell for one field of a spec's JSON: quantities in human units, a
// referenced entry by its id.
Cell spec_cell(const Json& j) {
  if (j.is_null()) return Cell(Value());
  if (j.is_object() && j.contains("value") && j.contains("unit") && j["value"].is_number()) {
    Result<Quantity> q = quantity_from_json(j, std::nullopt, "value");
    return q.ok() ? Cell(Value(*q)) : Cell(j.dump());
  }
  if (j.is_object()) return Cell(j.value("id", std::string("-")));
  if (j.is_string()) return Cell(j.get<std::string>());
  if (j.is_number_integer()) return Cell(Value(j.get<std::int64_t>()));
  if (j.is_number()) return Cell(Value(j.get<double>()));
  return Cell(j.dump());
}

// One row per entry; the columns are the fields of the kind's JSON form.
Status print_specs(Environment& env, const SpecKind& kind, bool strict) {
  const std::vector<SpecRef> all = env.registry().all_specs(kind);
  if (env.json()) {
    Json list = Json::array();
    for (const SpecRef& s : all) list.push_back(kind.to_json(*s));
    fmt::print("{}\n", list.dump(2));
    return {};
  }
  std::vector<std::string> columns;
  if (!all.empty()) {
    const Json first = kind.to_json(*all.front());
    for (const auto& [key, value] : first.items())
      if (key != "aliases") columns.push_back(key);
  }
  if (columns.empty()) {
    fmt::print("no {} in the zoo\n", kind.plural());
    return {};
  }
  Table t(columns);
  for (const SpecRef& s : all) {
    const Json j = kind.to_json(*s);
    std::vector<Cell> row;
    for (const std::string& c : columns) row.push_back(spec_cell(j.contains(c) ? j[c] : Json()));
    t.add(std::move(row));
  }
  return print_checked(t, strict);
}

}  // namespace

void add_zoo_command(CLI::App& app, Environment& env, int& exit_code) {
  auto what = std::make_shared<std::string>("all");
  std::vector<std::string> kinds = {"hardware", "models", "all"};
  for (const SpecKind* k : spec_kinds()) kinds.emplace_back(k->plural());
  CLI::App* cmd = app.add_subcommand("zoo", "List the hardware, models, fleets and other specs the providers serve");
  cmd->add_option("what", *what, "hardware, models, fleets, nodes, fabrics, grids, datacenters, or all (default)")
      ->check(CLI::IsMember(kinds));
  cmd->callback([what, &env, &exit_code] {
    if (*what == "all" && env.json()) {
      exit_code = env.fail(Error::bad_input("what", "with -o json, name one kind (hardware, models, fleets, ...)"));
      return;
    }
    bool first = true;
    auto section = [&](const std::string& title) {
      if (*what != "all") return;
      fmt::print("{}{}\n", first ? "" : "\n", title);
      first = false;
    };
    const bool strict = *what != "all";
    Status s;
    if (*what == "all" || *what == "hardware") section("hardware"), s = print_hardware(env, strict);
    if (s.ok() && (*what == "all" || *what == "models")) section("models"), s = print_models(env, strict);
    for (const SpecKind* k : spec_kinds())
      if (s.ok() && (*what == "all" || *what == k->plural()))
        section(std::string(k->plural())), s = print_specs(env, *k, strict);
    exit_code = s.ok() ? kOk : env.fail(s.error());
  });
}

}  // namespace mlsysim::cli
