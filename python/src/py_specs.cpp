#include "py_specs.hpp"

#include "py_convert.hpp"

namespace mlsysim::python {
namespace {

template <class T>
py::object optional(const std::optional<T>& v) {
  if (!v) return py::none();
  if constexpr (std::is_arithmetic_v<T>) return py::cast(*v);
  else return to_python(Value(*v));
}

}  // namespace

py::dict to_python(const HardwareSpec& h) {
  py::dict d;
  d["id"] = h.id;
  d["name"] = h.name;
  d["category"] = h.category;
  d["aliases"] = h.aliases;
  d["peak_flops"] = to_python(Value(h.peak_flops));
  py::dict precisions;
  for (const auto& [name, rate] : h.precision_flops) precisions[py::str(name)] = to_python(Value(rate));
  d["precision_flops"] = precisions;
  d["memory_capacity"] = to_python(Value(h.memory_capacity));
  d["memory_bandwidth"] = to_python(Value(h.memory_bandwidth));
  d["interconnect_bandwidth"] = h.interconnect ? to_python(Value(h.interconnect->bandwidth)) : py::none();
  d["storage_bandwidth"] = h.storage ? to_python(Value(h.storage->bandwidth)) : py::none();
  d["tdp"] = optional(h.tdp);
  d["dispatch_tax"] = to_python(Value(h.dispatch_tax));
  d["release_year"] = optional(h.release_year);
  return d;
}

py::dict to_python(const ModelSpec& m) {
  py::dict d;
  d["id"] = m.id;
  d["name"] = m.name;
  d["category"] = m.category;
  d["aliases"] = m.aliases;
  d["family"] = std::string(to_string(m.family));
  d["architecture"] = m.architecture;
  d["parameters"] = optional(m.parameters);
  d["model_size"] = optional(m.model_size);
  d["inference_flops"] = optional(m.inference_flops);
  d["training_ops"] = optional(m.training_ops);
  d["layers"] = optional(m.layers);
  d["hidden_dim"] = optional(m.hidden_dim);
  d["heads"] = optional(m.heads);
  d["kv_heads"] = optional(m.kv_heads);
  return d;
}

}  // namespace mlsysim::python
