#include "py_frame.hpp"

#include <cstring>
#include <limits>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace mlsysim::python {
namespace {

namespace py = pybind11;

// Row encoding, per output column: one tag byte, then 8 bytes of number or
// a 4-byte length and the text.
enum Tag : char { kNull = 0, kDouble = 1, kInteger = 2, kBoolean = 3, kText = 4 };

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
T take(std::string_view& in) {
  T v;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return v;
}

void encode(const Value& v, std::string& out) {
  if (const Quantity* q = v.if_quantity()) { out += kDouble; put(out, q->value); }
  else if (const double* d = v.if_number()) { out += kDouble; put(out, *d); }
  else if (const std::int64_t* i = v.if_integer()) { out += kInteger; put(out, *i); }
  else if (const bool* b = v.if_boolean()) { out += kBoolean; out += char(*b); }
  else if (v.is_null()) { out += kNull; }
  else {
    const std::string text = v.if_string() ? *v.if_string() : v.describe();
    out += kText;
    put(out, static_cast<std::uint32_t>(text.size()));
    out += text;
  }
}

template <class T>
py::array_t<T> array(const std::vector<T>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

}  // namespace

ColumnSink::ColumnSink(const SweepSpace& space, const SweepEngine& engine, const SweepTarget& target)
    : space_(space), outputs_(engine.columns()), warnings_column_(engine.warnings_column()) {
  for (const SweepAxis& axis : space.axes()) {
    const Value first = axis.size() ? axis.value(0) : Value();
    Column c;
    c.name = axis.name();
    c.kind = Kind::kCategory;
    if (first.if_integer()) c.kind = Kind::kInt;
    else if (first.if_number() || first.if_quantity()) c.kind = Kind::kFloat;
    else if (first.if_boolean()) c.kind = Kind::kBool;
    if (const Quantity* q = first.if_quantity()) c.unit = q->dimension.unit_symbol();
    columns_.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < outputs_.size(); ++i) {
    const PortInfo& port = target.outputs()[outputs_[i]];
    Column c;
    c.name = engine.column_names()[i];
    c.kind = Kind::kCategory;
    switch (port.kind) {
      case ValueKind::kQuantity: c.kind = Kind::kFloat; c.unit = port.dimension.unit_symbol(); break;
      case ValueKind::kNumber: c.kind = Kind::kFloat; break;
      case ValueKind::kInteger: c.kind = Kind::kInt; break;
      case ValueKind::kBoolean: c.kind = Kind::kBool; break;
      default: break;
    }
    columns_.push_back(std::move(c));
  }
  if (engine.warnings_column()) {
    // Last: each row's warnings, then notes, joined by "; " (categorical, mostly "").
    for (std::string_view name : {kWarningsColumn, kNotesColumn}) {
      Column remarks;
      remarks.name = std::string(name);
      columns_.push_back(std::move(remarks));
    }
  }
}

void ColumnSink::format(const SweepRow& row, std::string& out) const {
  for (std::uint64_t p : row.position) put(out, p);
  for (std::size_t position : outputs_) encode(row.outputs.begin()[position].value, out);
  if (!warnings_column_) return;
  for (const std::span<const std::string> remarks : {row.warnings, row.notes}) {
    std::string joined;
    for (const std::string& w : remarks) (joined += joined.empty() ? "" : "; ") += w;
    out += kText;
    put(out, static_cast<std::uint32_t>(joined.size()));
    out += joined;
  }
}

void ColumnSink::append_text(Column& c, std::string_view text) {
  auto [it, added] = c.code_of.try_emplace(std::string(text), static_cast<std::int32_t>(c.categories.size()));
  if (added) c.categories.emplace_back(text);
  c.codes.push_back(it->second);
}

void ColumnSink::write(std::string_view text) {
  const std::size_t n_axes = space_.axes().size();
  while (!text.empty()) {
    for (std::size_t a = 0; a < n_axes; ++a) {
      const std::uint64_t p = take<std::uint64_t>(text);
      const SweepAxis& axis = space_.axes()[a];
      Column& c = columns_[a];
      const Value v = axis.value(p);
      if (c.kind == Kind::kInt) c.ints.push_back(*v.if_integer());
      else if (c.kind == Kind::kFloat) c.floats.push_back(v.if_quantity() ? v.if_quantity()->value : *v.if_number());
      else if (c.kind == Kind::kBool) c.bools.push_back(*v.if_boolean());
      else append_text(c, axis.label(p));
    }
    for (std::size_t i = n_axes; i < columns_.size(); ++i) {
      Column& c = columns_[i];
      const char tag = text.front();
      text.remove_prefix(1);
      switch (tag) {
        case kDouble: c.floats.push_back(take<double>(text)); break;
        case kInteger: c.ints.push_back(take<std::int64_t>(text)); break;
        case kBoolean: c.bools.push_back(static_cast<std::uint8_t>(text.front())); text.remove_prefix(1); break;
        case kText: {
          const auto size = take<std::uint32_t>(text);
          append_text(c, text.substr(0, size));
          text.remove_prefix(size);
          break;
        }
        default:  // null: NaN in a float column; other kinds become float columns
          c.has_null = true;
          if (c.kind == Kind::kFloat) c.floats.push_back(std::numeric_limits<double>::quiet_NaN());
          else if (c.kind == Kind::kInt) c.ints.push_back(std::numeric_limits<std::int64_t>::min());
          else if (c.kind == Kind::kBool) c.bools.push_back(2);
          else append_text(c, "");
      }
    }
  }
}

py::list ColumnSink::columns() const {
  py::list out;
  for (const Column& c : columns_) {
    const py::object unit = c.unit.empty() ? py::object(py::none()) : py::str(c.unit);
    if (c.kind == Kind::kFloat) {
      out.append(py::make_tuple(c.name, "float", array(c.floats), py::none(), unit));
    } else if (c.kind == Kind::kInt && !c.has_null) {
      out.append(py::make_tuple(c.name, "int", array(c.ints), py::none(), unit));
    } else if (c.kind == Kind::kInt) {  // nulls: a float column with NaN
      std::vector<double> f(c.ints.begin(), c.ints.end());
      for (std::size_t i = 0; i < f.size(); ++i)
        if (c.ints[i] == std::numeric_limits<std::int64_t>::min()) f[i] = std::numeric_limits<double>::quiet_NaN();
      out.append(py::make_tuple(c.name, "float", array(f), py::none(), unit));
    } else if (c.kind == Kind::kBool && !c.has_null) {
      py::array_t<bool> a(static_cast<py::ssize_t>(c.bools.size()));
      std::memcpy(a.mutable_data(), c.bools.data(), c.bools.size());
      out.append(py::make_tuple(c.name, "bool", a, py::none(), unit));
    } else if (c.kind == Kind::kBool) {
      std::vector<double> f;
      for (std::uint8_t b : c.bools) f.push_back(b == 2 ? std::numeric_limits<double>::quiet_NaN() : b);
      out.append(py::make_tuple(c.name, "float", array(f), py::none(), unit));
    } else {
      py::list categories;
      for (const std::string& s : c.categories) categories.append(s);
      out.append(py::make_tuple(c.name, "category", array(c.codes), categories, unit));
    }
  }
  return out;
}

}  // namespace mlsysim::python
