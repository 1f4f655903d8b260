// Record: an ordered list of (Name, Value). Records are the only thing that
// crosses a solver boundary, so pipelines, the batch protocol, sweeps and the
// CLI work for every solver. Look-up is a linear scan over interned names:
// records hold tens of fields, where a scan beats any hash. A 64-bit filter
// of the names present answers most look-ups of absent fields (a solver
// reading its defaulted inputs) without scanning at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/name.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

class MLSYSIM_API Record {
 public:
  struct Field {
    Field(Name n, Value v) : name(n), value(std::move(v)) {}
    template <class V>
    Field(Name n, V&& v) : name(n), value(std::forward<V>(v)) {}
    Name name;
    Value value;
  };

  Record() = default;
  Record(std::initializer_list<std::pair<std::string_view, Value>> fields);

  void reserve(std::size_t n) { fields_.reserve(n); }
  // Removes every field, keeping the capacity.
  void clear() {
    fields_.clear();
    present_ = 0;
    layout_ = nullptr;
  }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }

  // Replaces the value of `name` if present, else appends.
  Record& set(Name name, Value value);
  Record& set(std::string_view name, Value value) { return set(Name(name), std::move(value)); }
  // Appends without looking for an existing field: the caller guarantees
  // `name` is new (solvers writing their declared outputs).
  MLSYSIM_INLINE Record& append(Name name, Value value) {
    fields_.emplace_back(name, std::move(value));
    present_ |= filter_bit(name);
    layout_ = nullptr;
    return *this;
  }
  // As append, constructing the Value in place from `v`.
  template <class V>
  MLSYSIM_INLINE Record& emplace(Name name, V&& v) {
    fields_.emplace_back(name, std::forward<V>(v));
    present_ |= filter_bit(name);
    layout_ = nullptr;
    return *this;
  }
  bool erase(std::string_view name);
  // The value of field `i` (in order), to overwrite in place: a solver that
  // finds the fields of its last solve reuses them rather than rebuilding.
  Value& value_at(std::size_t i) { return fields_[i].value; }
  // A tag saying whose list of names the fields are, exactly and in order
  // (a solver's outputs), so that solver can tell in O(1) that it may write
  // in place; any change to the names forgets it.
  void mark_layout(const void* tag) { layout_ = tag; }
  const void* layout() const { return layout_; }

  const Value* find(Name name) const {
    if ((present_ & filter_bit(name)) == 0) return nullptr;
    for (const Field& f : fields_)
      if (f.name == name) return &f.value;
    return nullptr;
  }
  const Value* find(std::string_view name) const {
    for (const Field& f : fields_)
      if (f.name.view() == name) return &f.value;
    return nullptr;
  }
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  // A field's number (Value::number_or); `otherwise` when absent or not numeric.
  double number_or(std::string_view name, double otherwise) const {
    const Value* v = find(name);
    return v ? v->number_or(otherwise) : otherwise;
  }

  // Typed, checked access: the quantity in `Q` (dimension must match), or an
  // error naming the field. Works for double, std::int64_t, bool,
  // std::string, HardwareRef, ModelRef and Boost.Units quantities.
  template <class T>
  Result<T> get(std::string_view name) const;

 private:
  static std::uint64_t filter_bit(Name name) { return std::uint64_t{1} << (name.hash() % 64); }

  std::vector<Field> fields_;
  std::uint64_t present_ = 0;  // OR of filter_bit over the fields' names
  const void* layout_ = nullptr;  // see mark_layout
};

}  // namespace mlsysim

#include "mlsysim/framework/port_traits.hpp"

template <class T>
mlsysim::Result<T> mlsysim::Record::get(std::string_view name) const {
  const Value* v = find(name);
  if (v == nullptr) return Error::bad_input(std::string(name), "missing field '" + std::string(name) + "'");
  return PortTraits<T>::extract(*v, name);
}

inline mlsysim::Value::Value(RecordList v) : Value(std::make_shared<const RecordList>(std::move(v))) {}
