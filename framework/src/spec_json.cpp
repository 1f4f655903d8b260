#include "mlsysim/framework/spec_json.hpp"

#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {
namespace {

// Reads fields of one JSON object, remembering the first error with its path.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string path, std::optional<Error>* error)
      : object_(object), path_(std::move(path)), error_(error) {
    if (!object_.is_object()) fail(path_.empty() ? "(top level)" : path_, "expected an object");
  }

  bool has(const char* key) const {
    return object_.is_object() && object_.contains(key) && !object_[key].is_null();
  }

  std::optional<Quantity> quantity(const char* key, Dimension dim, bool required) {
    if (!has(key)) return missing<Quantity>(key, required);
    const Json& j = object_[key];
    // Specs add one rule to quantity_from_json's: a unit is required, since
    // a zoo file's bare number would be ambiguous to its readers.
    if (!j.is_string() && !j.is_object()) {
      fail(where(key), fmt::format("expected a quantity string such as \"1 {}\"", dim.unit_symbol()));
      return std::nullopt;
    }
    Result<Quantity> q = quantity_from_json(j, dim, where(key));
    if (!q.ok()) {
      if (!*error_) *error_ = q.error();
      return std::nullopt;
    }
    if (q->value < 0) {
      fail(where(key), "must not be negative");
      return std::nullopt;
    }
    return *q;
  }
  template <class Q>
  std::optional<Q> typed(const char* key, bool required) {
    auto q = quantity(key, DimensionOf<Q>, required);
    if (!q) return std::nullopt;
    return Q::from_value(q->value);
  }

  std::optional<std::string> string(const char* key, bool required) {
    if (!has(key)) return missing<std::string>(key, required);
    if (!object_[key].is_string()) {
      fail(where(key), "expected a string");
      return std::nullopt;
    }
    return object_[key].get<std::string>();
  }

  std::optional<double> number(const char* key, bool required) {
    if (!has(key)) return missing<double>(key, required);
    const Json& j = object_[key];
    if (!j.is_number() || !std::isfinite(j.get<double>()) || j.get<double>() < 0) {
      fail(where(key), "expected a non-negative number");
      return std::nullopt;
    }
    return j.get<double>();
  }

  std::optional<std::int64_t> integer(const char* key, bool required) {
    if (!has(key)) return missing<std::int64_t>(key, required);
    const Json& j = object_[key];
    if (!j.is_number_integer() || j.get<std::int64_t>() < 0) {
      fail(where(key), "expected a non-negative integer");
      return std::nullopt;
    }
    return j.get<std::int64_t>();
  }

  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    if (!has(key)) return out;
    const Json& j = object_[key];
    if (!j.is_array()) {
      fail(where(key), "expected a list of strings");
      return out;
    }
    for (const Json& e : j) {
      if (!e.is_string()) {
        fail(where(key), "expected a list of strings");
        return {};
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }

  const Json& child(const char* key) const { return object_[key]; }
  std::string where(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  void fail(const std::string& field, const std::string& what) {
    if (!*error_) *error_ = Error::bad_input(field, fmt::format("{}: {}", field, what));
  }

 private:
  template <class T>
  std::optional<T> missing(const char* key, bool required) {
    if (required) fail(where(key), "is required");
    return std::nullopt;
  }

  const Json& object_;
  std::string path_;
  std::optional<Error>* error_;
};

Provenance read_provenance(FieldReader& top, std::optional<Error>* error) {
  Provenance p;
  if (!top.has("provenance")) return p;
  FieldReader r(top.child("provenance"), "provenance", error);
  p.source = r.string("source", false).value_or("");
  p.source_url = r.string("source_url", false).value_or("");
  p.last_verified = r.string("last_verified", false).value_or("");
  return p;
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

Result<ModelSpec> model_from_json(const Json& json) {
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
