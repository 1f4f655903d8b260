#include "py_specs.hpp"

#include <nlohmann/json.hpp>

#include "mlsysim/registry/describe.hpp"
#include "py_convert.hpp"

namespace mlsysim::python {
namespace {

// A description (registry/describe.hpp) as Python objects, with each
// {value, unit} quantity as a mlsysim.Quantity.
py::object described(const Json& j) {
  static const py::object quantity = py::module_::import("mlsysim._types").attr("Quantity");
  switch (j.type()) {
    case Json::value_t::object: {
      if (j.size() == 2 && j.contains("value") && j.contains("unit") && j["unit"].is_string())
        return quantity(j["value"].get<double>(), j["unit"].get<std::string>());
      py::dict d;
      for (const auto& [key, value] : j.items()) d[py::str(key)] = described(value);
      return d;
    }
    case Json::value_t::array: {
      py::list l;
      for (const Json& value : j) l.append(described(value));
      return l;
    }
    case Json::value_t::string: return py::str(j.get<std::string>());
    case Json::value_t::boolean: return py::bool_(j.get<bool>());
    case Json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
    case Json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
    case Json::value_t::number_float: return py::float_(j.get<double>());
    default: return py::none();
  }
}

}  // namespace

// The same description as `mlsysim zoo hardware|models -o json`.
py::dict to_python(const HardwareSpec& h) { return described(hardware_json(h)); }
py::dict to_python(const ModelSpec& m) { return described(model_json(m)); }
py::dict to_python(const Spec& s) { return described(s.kind().to_json(s)); }

}  // namespace mlsysim::python
