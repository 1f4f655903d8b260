#include "mlsysim/framework/spec_json.hpp"

#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "field_reader.hpp"
#include "mlsysim/framework/hf_config.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/framework/written_quantity.hpp"

namespace mlsysim {
namespace {

// The unit a quantity field was written in, as a quantity of its base unit
// ("80 GiB" and {"value": 80, "unit": "GiB"}: 1 GiB); a bare number is in
// base units. Read after the field itself parsed, so its errors are reported.
Bytes written_unit(const Json& object, const char* key) {
  const Json* v = object.is_object() && object.contains(key) ? &object[key] : nullptr;
  std::string unit;
  if (v && v->is_string()) {
    if (auto written = parse_written_quantity(v->get<std::string>(), key); written.ok()) unit = written->unit;
  } else if (v && v->is_object() && v->contains("unit") && (*v)["unit"].is_string()) {
    unit = (*v)["unit"].get<std::string>();
  }
  if (unit.empty()) return 1 * unit::bytes;
  Result<Unit> parsed = parse_unit(unit, key);
  return (parsed.ok() ? parsed->factor : 1.0) * unit::bytes;
}

}  // namespace

Result<HardwareSpec> hardware_from_json(const Json& json) {
  std::optional<Error> error;
  FieldReader top(json, "", &error);
  if (error) return *error;
  HardwareSpec hw;
  hw.id = top.string("id", true).value_or("");
  hw.aliases = top.strings("aliases");
  hw.category = top.string("category", false).value_or("");
  hw.name = top.string("name", false).value_or(hw.id);
  if (auto year = top.integer("release_year", false)) hw.release_year = static_cast<int>(*year);

  if (!top.has("compute")) top.fail("compute", "is required");
  if (!error) {
    FieldReader compute(top.child("compute"), "compute", &error);
    hw.peak_flops = compute.typed<FlopRate>("peak_flops", true).value_or(FlopRate{});
    if (compute.has("precision_flops")) {
      FieldReader precisions(compute.child("precision_flops"), "compute.precision_flops", &error);
      if (!error) {
        for (const auto& [key, value] : compute.child("precision_flops").items()) {
          if (auto rate = precisions.typed<FlopRate>(key.c_str(), true))
            hw.precision_flops.emplace_back(key, *rate);
        }
      }
    }
  }
  if (!top.has("memory")) top.fail("memory", "is required");
  if (!error) {
    FieldReader memory(top.child("memory"), "memory", &error);
    hw.memory_capacity = memory.typed<Bytes>("capacity", true).value_or(Bytes{});
    hw.memory_capacity_unit = written_unit(top.child("memory"), "capacity");
    hw.memory_bandwidth = memory.typed<ByteRate>("bandwidth", true).value_or(ByteRate{});
    hw.sram_capacity = memory.typed<Bytes>("sram_capacity", false);
    hw.sram_bandwidth = memory.typed<ByteRate>("sram_bandwidth", false);
    hw.flash_capacity = memory.typed<Bytes>("flash_capacity", false);
    hw.flash_bandwidth = memory.typed<ByteRate>("flash_bandwidth", false);
  }
  if (!error && top.has("interconnect")) {
    FieldReader link(top.child("interconnect"), "interconnect", &error);
    HardwareSpec::Link l;
    l.name = link.string("name", false).value_or("");
    l.bandwidth = link.typed<ByteRate>("bandwidth", true).value_or(ByteRate{});
    l.latency = link.typed<Seconds>("latency", false);
    hw.interconnect = l;
  }
  if (!error && top.has("storage")) {
    FieldReader storage(top.child("storage"), "storage", &error);
    HardwareSpec::Storage s;
    s.capacity = storage.typed<Bytes>("capacity", false).value_or(Bytes{});
    s.bandwidth = storage.typed<ByteRate>("bandwidth", true).value_or(ByteRate{});
    s.latency = storage.typed<Seconds>("latency", false);
    hw.storage = s;
  }
  hw.tdp = top.typed<Watts>("tdp", false);
  hw.battery_capacity = top.typed<Joules>("battery_capacity", false);
  hw.unit_cost_usd = top.number("unit_cost_usd", false);
  hw.embodied_carbon_kg = top.number("embodied_carbon_kg", false);
  if (auto tax = top.typed<Seconds>("dispatch_tax", false)) hw.dispatch_tax = *tax;
  hw.provenance = read_provenance(top, &error);
  if (error) return *error;
  // A device without compute or memory is not a device: every solver would
  // divide by these (a zero bandwidth used to come out "compute-bound").
  auto positive = [](double v, std::string_view field) -> std::optional<Error> {
    if (v > 0 && std::isfinite(v)) return std::nullopt;
    return Error::bad_input(std::string(field), fmt::format("{}: must be a finite value > 0, got {}", field, v));
  };
  for (const auto& [field, v] : {std::pair<std::string_view, double>{"compute.peak_flops", hw.peak_flops.value()},
                                 {"memory.capacity", hw.memory_capacity.value()},
                                 {"memory.bandwidth", hw.memory_bandwidth.value()}})
    if (auto e = positive(v, field)) return *e;
  for (const auto& [key, rate] : hw.precision_flops)
    if (auto e = positive(rate.value(), "compute.precision_flops." + key)) return *e;
  if (hw.sram_bandwidth)
    if (auto e = positive(hw.sram_bandwidth->value(), "memory.sram_bandwidth")) return *e;
  if (hw.flash_bandwidth)
    if (auto e = positive(hw.flash_bandwidth->value(), "memory.flash_bandwidth")) return *e;
  if (hw.dispatch_tax.value() < 0)
    return Error::bad_input("dispatch_tax", fmt::format("dispatch_tax: must be >= 0, got {}", hw.dispatch_tax.value()));
  return hw;
}

// A Hugging Face config's name: the part of `_name_or_path` after the last '/'.
std::string hf_name(const Json& json) {
  std::string path = json.contains("_name_or_path") && json["_name_or_path"].is_string()
                         ? json["_name_or_path"].get<std::string>() : "hf_model";
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Result<ModelSpec> model_from_json(const Json& json) {
  if (is_hf_config(json)) return model_from_hf_config(json, hf_name(json));
  std::optional<Error> error;
  FieldReader top(json, "", &error);
  if (error) return *error;
  ModelSpec m;
  m.id = top.string("id", true).value_or("");
  m.aliases = top.strings("aliases");
  m.category = top.string("category", false).value_or("");
  m.name = top.string("name", false).value_or(m.id);
  std::string family = top.string("class", true).value_or("workload");
  if (family == "transformer") m.family = ModelFamily::kTransformer;
  else if (family == "cnn") m.family = ModelFamily::kCnn;
  else if (family == "ssm") m.family = ModelFamily::kSsm;
  else if (family == "diffusion") m.family = ModelFamily::kDiffusion;
  else if (family == "workload") m.family = ModelFamily::kWorkload;
  else top.fail("class", fmt::format("'{}' is not one of transformer, cnn, ssm, diffusion, workload", family));
  m.architecture = top.string("architecture", false).value_or("");
  m.parameters = top.number("parameters", false);
  m.model_size = top.typed<Bytes>("model_size", false);
  m.inference_flops = top.typed<Flops>("inference_flops", false);
  m.training_ops = top.typed<Flops>("training_ops", false);
  m.layers = top.integer("layers", false);
  m.hidden_dim = top.integer("hidden_dim", false);
  m.heads = top.integer("heads", false);
  m.kv_heads = top.integer("kv_heads", false);
  m.state_size = top.integer("state_size", false);
  m.denoising_steps = top.integer("denoising_steps", false);
  m.resolution = top.integer("resolution", false);
  m.provenance = read_provenance(top, &error);
  if (!error && !m.parameters && !m.model_size)
    top.fail("parameters", "is required (or model_size for models given by size)");
  if (!error && m.family == ModelFamily::kCnn && !m.inference_flops)
    top.fail("inference_flops", "is required for a cnn");
  if (!error && m.family == ModelFamily::kTransformer && !m.layers)
    top.fail("layers", "is required for a transformer");
  if (error) return *error;
  return m;
}

}  // namespace mlsysim
