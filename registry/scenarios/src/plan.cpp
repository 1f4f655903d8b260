#include "mlsysim/registry/plan.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/framework/text_file.hpp"
#include "plan_keys.hpp"
#include "yaml_json.hpp"

namespace mlsysim {
namespace {

using scenarios::check_plan_keys;

constexpr std::int64_t kAcceleratorsPerNode = 8;  // 0.1.0's plan fleet
constexpr double kIntraNodeBytesPerSecond = 900e9, kFabricBytesPerSecond = 50e9;

// A model or hardware named by a plan: a zoo id, or a JSON spec file (or a
// Hugging Face config or model folder, for a model).
Result<Value> resolve(const Registry& registry, const std::string& port, const std::string& name) {
  const std::string field = port == "model" ? "workload.name" : "hardware.name";
  if (name.starts_with("hf://"))
    return Error::bad_input(field, fmt::format("{}: '{}': mlsysim reads no network; give the path of a local "
                                               "config.json or model folder", field, name));
  if (name.ends_with(".yaml") || name.ends_with(".yml"))
    return Error::bad_input(field, fmt::format("{}: '{}': spec files are JSON here (see `mlsysim schema -t {}`)",
                                               field, name, port == "model" ? "model" : "hardware"));
  const bool file = name.ends_with(".json") || name.find('/') != std::string::npos;
  const std::string text = file ? "@" + name : name;
  Result<Value> v = decode_text(text, *contract<contracts::Roofline>().info().find_input(port), registry);
  if (!v.ok()) {
    Error e = v.error();
    e.field = field;
    return e;
  }
  return v;
}

template <class T>
T get_or(const Json& object, const char* key, T fallback) {
  return object.contains(key) && !object[key].is_null() ? object[key].get<T>() : fallback;
}

// An assertion's max or min: absent or null is no bound.
std::optional<double> bound(const Json& assertion, const char* key) {
  if (!assertion.contains(key) || assertion[key].is_null()) return std::nullopt;
  return assertion[key].get<double>();
}

std::string text_of(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

}  // namespace

std::shared_ptr<const FleetSpec> Plan::fleet() const { return nodes <= 1 ? nullptr : deployed_fleet(); }

std::shared_ptr<const FleetSpec> Plan::deployed_fleet() const {
  const std::int64_t per_node = nodes <= 1 ? 1 : kAcceleratorsPerNode;
  auto node = std::make_shared<NodeSpec>();
  node->id = node->name = fmt::format("{} x {}", hardware->id, per_node);
  node->accelerator = hardware;
  node->accelerators_per_node = per_node;
  node->intra_node_bw = ByteRate::from_value(kIntraNodeBytesPerSecond);
  auto fabric = std::make_shared<FabricSpec>();
  fabric->id = fabric->name = "Default IB";
  fabric->bandwidth = ByteRate::from_value(kFabricBytesPerSecond);
  auto f = std::make_shared<FleetSpec>();
  f->id = f->name = name;
  f->node = std::move(node);
  f->count = std::max<std::int64_t>(nodes / kAcceleratorsPerNode, 1);
  f->fabric = std::move(fabric);
  return f;
}

SystemUnderTest Plan::system() const {
  SystemUnderTest s{model, hardware, fleet(), nodes, std::nullopt};
  if (has_ops) s.duration_days = duration_days;
  return s;
}

bool is_plan_path(std::string_view text) { return text.ends_with(".yaml") || text.ends_with(".yml"); }

Result<Plan> read_plan(const std::filesystem::path& path, const Registry& registry) {
  Result<std::string> text = read_text_file(path.string(), "plan file", 1 << 20);
  if (!text.ok()) return Error::bad_input("plan", text.error().message);
  Result<Plan> plan = parse_plan(*text, registry);
  if (!plan.ok()) {
    Error e = plan.error();
    e.message = fmt::format("{}: {}", path.string(), e.message);
    return e;
  }
  return plan;
}

Result<Plan> parse_plan(std::string_view yaml, const Registry& registry) {
  Result<Json> json = scenarios::yaml_to_json(yaml, "plan");
  if (!json.ok()) return json.error();
  return plan_from_json(*json, registry);
}

Result<Plan> plan_from_json(const Json& json, const Registry& registry) {
  if (Status s = check_plan_keys(json); !s.ok()) return s.error();
  Plan p;
  p.version = text_of(json["version"]);
  p.name = json["name"].get<std::string>();
  const Json& w = json["workload"];
  const Json& h = json["hardware"];
  p.batch_size = get_or<std::int64_t>(w, "batch_size", 1);
  p.seq_len = get_or<std::int64_t>(w, "seq_len", 2048);
  p.nodes = get_or<std::int64_t>(h, "nodes", 1);
  p.options = {p.batch_size, get_or<std::string>(h, "precision", "fp16"), get_or<double>(h, "efficiency", 0.5)};
  if (p.batch_size < 1) return Error::bad_input("workload.batch_size", "workload.batch_size: must be at least 1");
  if (p.seq_len < 1) return Error::bad_input("workload.seq_len", "workload.seq_len: must be at least 1");
  if (p.nodes < 1) return Error::bad_input("hardware.nodes", "hardware.nodes: must be at least 1 accelerator");
  if (!(p.options.efficiency >= 1e-9 && p.options.efficiency <= 1))
    return Error::bad_input("hardware.efficiency", fmt::format("hardware.efficiency: {} is outside [1e-09, 1]",
                                                               p.options.efficiency));
  Result<Value> model = resolve(registry, "model", w["name"].get<std::string>());
  if (!model.ok()) return model.error();
  Result<Value> hardware = resolve(registry, "hardware", h["name"].get<std::string>());
  if (!hardware.ok()) return hardware.error();
  p.model = *model->if_model();
  p.hardware = *hardware->if_hardware();
  if (json.contains("ops") && !json["ops"].is_null()) {
    p.has_ops = true;
    p.region = get_or<std::string>(json["ops"], "region", "US_Avg");
    p.duration_days = get_or<double>(json["ops"], "duration_days", 30.0);
  }
  if (json.contains("constraints") && json["constraints"].contains("assert"))
    for (const Json& a : json["constraints"]["assert"])
      p.assertions.push_back({a["metric"].get<std::string>(), bound(a, "max"), bound(a, "min")});
  return p;
}

Result<std::vector<std::string>> failed_assertions(const Plan& plan, const Scorecard& card) {
  static const std::pair<std::string_view, std::string_view> kLevels[] = {
      {"feasibility.", "f_"}, {"performance.", "p_"}, {"macro.", "m_"}};
  std::vector<std::string> failed;
  for (const PlanAssertion& a : plan.assertions) {
    std::string key;
    for (const auto& [level, prefix] : kLevels)
      if (a.metric.starts_with(level)) key = std::string(prefix) + a.metric.substr(level.size());
    const Value* v = key.empty() ? nullptr : card.figures.find(key);
    std::optional<double> shown = v ? scenarios::display_number(key, *v) : std::nullopt;
    if (!shown) return Error::bad_input("constraints.assert", scenarios::unknown_metric(a.metric, card));
    if (a.max && *shown > *a.max) failed.push_back(fmt::format("{} = {:g} > {:g}", a.metric, *shown, *a.max));
    if (a.min && *shown < *a.min) failed.push_back(fmt::format("{} = {:g} < {:g}", a.metric, *shown, *a.min));
  }
  return failed;
}

}  // namespace mlsysim
