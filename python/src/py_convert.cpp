#include "py_convert.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mlsysim::python {
namespace {

// Converts one Python value with bounds: nesting depth, total size, and no
// container inside itself, so no input can exhaust the stack or memory.
// Every refusal is a BadInput naming the field.
class Converter {
 public:
  static constexpr int kMaxDepth = 64;
  static constexpr std::size_t kMaxItems = 10'000'000;

  Json convert(const py::handle& object, const std::string& field, int depth) {
    if (depth > kMaxDepth) fail(field, fmt::format("nested more than {} levels deep", kMaxDepth));
    if (++items_ > kMaxItems) fail(field, fmt::format("holds more than {} values", kMaxItems));
    if (object.is_none()) return nullptr;
    if (py::isinstance<py::bool_>(object)) return object.cast<bool>();
    if (py::hasattr(object, "unit") && py::hasattr(object, "__float__"))  // mlsysim.Quantity
      return Json{{"value", finite(object, field)}, {"unit", text(object.attr("unit"), field + ".unit")}};
    if (py::isinstance<py::int_>(object)) return integer(object, field);
    if (py::isinstance<py::float_>(object)) return finite(object, field);
    if (py::isinstance<py::str>(object)) return text(object, field);
    if (py::isinstance<py::dict>(object) || py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object))
      return container(object, field, depth);
    if (py::hasattr(object, "__index__")) return integer(object.attr("__index__")(), field);  // numpy ints
    if (py::hasattr(object, "__float__")) return finite(object, field);
    fail(field, fmt::format("cannot pass a {} to mlsysim (expected a number, string, bool, dict or list)",
                            py::str(py::type::of(object).attr("__name__")).cast<std::string>()));
  }

 private:
  [[noreturn]] static void fail(const std::string& field, const std::string& why) {
    raise(Error::bad_input(field, fmt::format("{}: {}", field, why)));
  }
  // Runs `f`; a Python exception it raises (an ordinary one: not
  // KeyboardInterrupt or SystemExit) becomes a BadInput naming the field.
  template <class F>
  static auto guarded(const std::string& field, const char* what, F&& f) {
    try {
      return f();
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_Exception)) throw;
      fail(field, fmt::format("{} ({})", what, e.what()));
    } catch (const py::cast_error& e) {
      fail(field, fmt::format("{} ({})", what, e.what()));
    }
  }
  static double finite(const py::handle& object, const std::string& field) {
    // float() itself, so the object's own error (a raising __float__) is what is reported.
    const double v = guarded(field, "not a number", [&] {
      return py::float_(py::reinterpret_borrow<py::object>(object)).cast<double>();
    });
    if (!std::isfinite(v)) fail(field, fmt::format("{} is not a finite number", v));
    return v;
  }
  static Json integer(const py::handle& object, const std::string& field) {
    if (py::object fits = py::module_::import("builtins").attr("abs")(object);
        py::int_(fits) <= py::int_(std::numeric_limits<std::int64_t>::max()))
      return guarded(field, "not an integer", [&] { return py::reinterpret_borrow<py::object>(object).cast<std::int64_t>(); });
    fail(field, fmt::format("{} is beyond the 64-bit integers", py::str(object).cast<std::string>()));
  }
  static std::string text(const py::handle& object, const std::string& field) {
    return guarded(field, "not valid Unicode text", [&] { return py::str(object).cast<std::string>(); });
  }
  Json container(const py::handle& object, const std::string& field, int depth) {
    const PyObject* id = object.ptr();
    for (const PyObject* open : path_)
      if (open == id) fail(field, "contains itself");
    path_.push_back(id);
    Json out;
    if (py::isinstance<py::dict>(object)) {
      out = Json::object();
      for (auto [key, value] : py::reinterpret_borrow<py::dict>(object)) {
        if (!py::isinstance<py::str>(key))
          fail(field, fmt::format("keys must be strings, not {} {}", py::str(py::type::of(key).attr("__name__")).cast<std::string>(),
                                  py::repr(key).cast<std::string>()));
        const std::string name = text(key, field);
        out[name] = convert(value, field.empty() ? name : field + "." + name, depth + 1);
      }
    } else {
      out = Json::array();
      std::size_t i = 0;
      for (py::handle item : object) out.push_back(convert(item, fmt::format("{}[{}]", field, i++), depth + 1));
    }
    path_.pop_back();
    return out;
  }

  std::vector<const PyObject*> path_;  // the containers being converted, outermost first
  std::size_t items_ = 0;
};

}  // namespace

Json to_json(const py::handle& object, std::string_view field) {
  return Converter().convert(object, std::string(field), 0);
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
  if (const SpecRef* sp = value.if_spec()) return py::str((*sp)->id);
  if (const StringList* names = value.if_strings()) {
    py::list out;
    for (const std::string& name : *names) out.append(py::str(name));
    return out;
  }
  if (const RecordList* list = value.if_records()) {
    py::list out;
    for (const Record& r : *list) out.append(to_python(r));
    return out;
  }
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
