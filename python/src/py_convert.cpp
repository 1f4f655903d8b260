#include "py_convert.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mlsysim::python {
namespace {

double as_double(const py::handle& h) { return py::reinterpret_borrow<py::object>(h).cast<double>(); }

}  // namespace

Json to_json(const py::handle& object, std::string_view field) {
  if (object.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(object)) return object.cast<bool>();
  if (py::hasattr(object, "unit") && py::hasattr(object, "__float__")) {  // mlsysim.Quantity
    return Json{{"value", as_double(object)},
                {"unit", py::str(object.attr("unit")).cast<std::string>()}};
  }
  if (py::isinstance<py::int_>(object)) {
    try {
      return object.cast<std::int64_t>();
    } catch (const py::cast_error&) {
      return as_double(object);  // beyond 64 bits: the port's check words it
    }
  }
  if (py::isinstance<py::float_>(object)) return object.cast<double>();
  if (py::isinstance<py::str>(object)) return object.cast<std::string>();
  if (py::isinstance<py::dict>(object)) {
    Json out = Json::object();
    for (auto [key, value] : object.cast<py::dict>()) {
      const std::string name = py::str(key).cast<std::string>();
      out[name] = to_json(value, fmt::format("{}.{}", field, name));
    }
    return out;
  }
  if (py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object)) {
    Json out = Json::array();
    for (py::handle item : object) out.push_back(to_json(item, field));
    return out;
  }
  if (py::hasattr(object, "__index__")) return object.attr("__index__")().cast<std::int64_t>();  // numpy ints
  if (py::hasattr(object, "__float__")) return as_double(object);
  throw py::type_error(fmt::format("{}: cannot pass a {} to mlsysim (expected a number, string, "
                                   "bool, dict or list)", field,
                                   py::str(py::type::of(object).attr("__name__")).cast<std::string>()));
}

py::object to_python(const Value& value) {
  static const py::object quantity = py::module_::import("mlsysim._types").attr("Quantity");
  if (const Quantity* q = value.if_quantity()) return quantity(q->value, q->dimension.unit_symbol());
  if (const double* d = value.if_number()) return py::float_(*d);
  if (const std::int64_t* i = value.if_integer()) return py::int_(*i);
  if (const bool* b = value.if_boolean()) return py::bool_(*b);
  if (const std::string* s = value.if_string()) return py::str(*s);
  if (const HardwareRef* h = value.if_hardware()) return py::str((*h)->id);
  if (const ModelRef* m = value.if_model()) return py::str((*m)->id);
  if (const NumberTable* t = value.if_table()) {
    py::dict out;
    for (const auto& [key, number] : *t) out[py::str(key)] = number;
    return out;
  }
  return py::none();
}

py::dict to_python(const Record& record) {
  py::dict out;
  for (const Record::Field& f : record) out[py::str(f.name.str())] = to_python(f.value);
  return out;
}

void raise(const Error& error) {
  static const py::object raise_error = py::module_::import("mlsysim._types").attr("_raise");
  raise_error(to_string(error.code), error.field.empty() ? py::object(py::none()) : py::str(error.field),
              error.message);
  throw py::error_already_set();  // _raise always raises
}

}  // namespace mlsysim::python
