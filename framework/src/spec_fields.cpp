#include "mlsysim/framework/spec_fields.hpp"

#include <cmath>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

namespace mlsysim {
namespace {

constexpr std::string_view kPrecisionPrefix = "precision_flops.";

// One numeric field: where it lives in the spec, as a get/set pair over
// base-unit doubles. `get` gives nullopt when the spec leaves it out.
template <class Spec>
struct Field {
  const char* path;
  Dimension dimension;
  bool integer;
  std::optional<double> (*get)(const Spec&);
  void (*set)(Spec&, double);
};

template <class Q>
std::optional<double> value_of(const std::optional<Q>& q) {
  return q ? std::optional<double>(q->value()) : std::nullopt;
}
template <class I>
std::optional<double> count_of(const std::optional<I>& i) {
  return i ? std::optional<double>(static_cast<double>(*i)) : std::nullopt;
}

#define MLSYSIM_QUANTITY_FIELD(Spec, path, dim, member)                                  \
  Field<Spec> {                                                                          \
    path, dim, false, [](const Spec& s) -> std::optional<double> { return s.member.value(); }, \
        [](Spec& s, double v) { s.member = decltype(s.member)::from_value(v); }          \
  }
#define MLSYSIM_OPTIONAL_QUANTITY_FIELD(Spec, path, dim, member)                          \
  Field<Spec> {                                                                           \
    path, dim, false, [](const Spec& s) { return value_of(s.member); },                   \
        [](Spec& s, double v) { s.member = decltype(s.member)::value_type::from_value(v); } \
  }

const std::vector<Field<HardwareSpec>>& hardware_table() {
  using H = HardwareSpec;
  static const std::vector<Field<H>> table = {
      MLSYSIM_QUANTITY_FIELD(H, "peak_flops", dims::flop_rate, peak_flops),
      MLSYSIM_QUANTITY_FIELD(H, "memory.capacity", dims::bytes, memory_capacity),
      MLSYSIM_QUANTITY_FIELD(H, "memory.bandwidth", dims::byte_rate, memory_bandwidth),
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(H, "memory.sram_capacity", dims::bytes, sram_capacity),
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(H, "memory.sram_bandwidth", dims::byte_rate, sram_bandwidth),
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(H, "memory.flash_capacity", dims::bytes, flash_capacity),
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(H, "memory.flash_bandwidth", dims::byte_rate, flash_bandwidth),
      {"interconnect.bandwidth", dims::byte_rate, false,
       [](const H& s) { return s.interconnect ? std::optional<double>(s.interconnect->bandwidth.value()) : std::nullopt; },
       [](H& s, double v) {
         if (!s.interconnect) s.interconnect.emplace();
         s.interconnect->bandwidth = ByteRate::from_value(v);
       }},
      {"storage.bandwidth", dims::byte_rate, false,
       [](const H& s) { return s.storage ? std::optional<double>(s.storage->bandwidth.value()) : std::nullopt; },
       [](H& s, double v) {
         if (!s.storage) s.storage.emplace();
         s.storage->bandwidth = ByteRate::from_value(v);
       }},
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(H, "tdp", dims::power, tdp),
      MLSYSIM_QUANTITY_FIELD(H, "dispatch_tax", dims::time, dispatch_tax),
  };
  return table;
}

#define MLSYSIM_COUNT_FIELD(path, member)                                        \
  Field<ModelSpec> {                                                             \
    path, dims::none, true, [](const ModelSpec& s) { return count_of(s.member); }, \
        [](ModelSpec& s, double v) { s.member = static_cast<std::int64_t>(std::llround(v)); } \
  }

const std::vector<Field<ModelSpec>>& model_table() {
  using M = ModelSpec;
  static const std::vector<Field<M>> table = {
      {"parameters", dims::none, false, [](const M& s) { return s.parameters; },
       [](M& s, double v) { s.parameters = v; }},
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(M, "model_size", dims::bytes, model_size),
      MLSYSIM_OPTIONAL_QUANTITY_FIELD(M, "inference_flops", dims::flops, inference_flops),
      MLSYSIM_COUNT_FIELD("layers", layers),
      MLSYSIM_COUNT_FIELD("hidden_dim", hidden_dim),
      MLSYSIM_COUNT_FIELD("heads", heads),
      MLSYSIM_COUNT_FIELD("kv_heads", kv_heads),
      MLSYSIM_COUNT_FIELD("denoising_steps", denoising_steps),
  };
  return table;
}

std::string_view without_compute(std::string_view path) {
  constexpr std::string_view kCompute = "compute.";
  return path.substr(0, kCompute.size()) == kCompute ? path.substr(kCompute.size()) : path;
}

template <class Spec>
const Field<Spec>* find(const std::vector<Field<Spec>>& table, std::string_view path) {
  for (const Field<Spec>& f : table)
    if (f.path == path) return &f;
  return nullptr;
}

template <class Spec>
Error unknown(std::string_view kind, std::string_view path, const std::vector<Field<Spec>>& table) {
  std::string known;
  for (const Field<Spec>& f : table) known += (known.empty() ? "" : ", ") + std::string(f.path);
  if (kind == "hardware") known += ", precision_flops.<precision>";
  return Error::unknown_name(std::string(kind), fmt::format("{} has no numeric field '{}' (fields: {})",
                                                            kind, path, known));
}

}  // namespace

Result<SpecFieldInfo> hardware_field(std::string_view path) {
  path = without_compute(path);
  if (path.substr(0, kPrecisionPrefix.size()) == kPrecisionPrefix)
    return SpecFieldInfo{std::string(path), dims::flop_rate, false};
  if (const auto* f = find(hardware_table(), path)) return SpecFieldInfo{f->path, f->dimension, f->integer};
  return unknown("hardware", path, hardware_table());
}

Result<SpecFieldInfo> model_field(std::string_view path) {
  if (const auto* f = find(model_table(), path)) return SpecFieldInfo{f->path, f->dimension, f->integer};
  return unknown("model", path, model_table());
}

Result<double> read_field(const HardwareSpec& spec, std::string_view path) {
  path = without_compute(path);
  if (path.substr(0, kPrecisionPrefix.size()) == kPrecisionPrefix) {
    if (const FlopRate* rate = spec.find_precision_flops(path.substr(kPrecisionPrefix.size())))
      return rate->value();
  } else if (const auto* f = find(hardware_table(), path)) {
    if (auto v = f->get(spec)) return *v;
  } else {
    return unknown("hardware", path, hardware_table());
  }
  return Error::bad_input("hardware", fmt::format("hardware '{}' has no {}", spec.id, path));
}

Result<double> read_field(const ModelSpec& spec, std::string_view path) {
  if (const auto* f = find(model_table(), path)) {
    if (auto v = f->get(spec)) return *v;
    return Error::bad_input("model", fmt::format("model '{}' has no {}", spec.id, path));
  }
  return unknown("model", path, model_table());
}

Status write_field(HardwareSpec& spec, std::string_view path, double value) {
  path = without_compute(path);
  if (path.substr(0, kPrecisionPrefix.size()) == kPrecisionPrefix) {
    const std::string_view precision = path.substr(kPrecisionPrefix.size());
    for (auto& [key, rate] : spec.precision_flops) {
      if (key == precision) {
        rate = FlopRate::from_value(value);
        return {};
      }
    }
    return Error::bad_input("hardware", fmt::format("hardware '{}' has no {}", spec.id, path));
  }
  if (const auto* f = find(hardware_table(), path)) {
    f->set(spec, value);
    return {};
  }
  return unknown("hardware", path, hardware_table());
}

Status write_field(ModelSpec& spec, std::string_view path, double value) {
  if (const auto* f = find(model_table(), path)) {
    f->set(spec, value);
    return {};
  }
  return unknown("model", path, model_table());
}

}  // namespace mlsysim
