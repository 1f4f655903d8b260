// Ports: what a solver reads and writes. A solver declares each port once, as
// a typed `Input<T>` / `Output<T>` object; the same object describes the port
// to the registry (info()) and reads or writes it while solving, so names,
// kinds, dimensions and defaults have one source of truth.
//
//   const Input<std::int64_t> kBatch{"batch_size", 1, "samples per step"};
//   const Output<Seconds> kLatency{"latency", "end-to-end step time"};
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "mlsysim/framework/name.hpp"
#include "mlsysim/framework/port_traits.hpp"
#include "mlsysim/framework/record.hpp"

namespace mlsysim {

// Whether `v` may be given for an input declared with `kind` and `dimension`:
// the same kind (and dimension, for quantities), or an integer for a number.
// The one rule behind validate_inputs and the registry's per-solve check.
inline bool input_accepts(ValueKind kind, Dimension dimension, const Value& v) {
  const ValueKind given = v.kind();
  if (given == kind) return given != ValueKind::kQuantity || v.dimension() == dimension;
  return kind == ValueKind::kNumber && given == ValueKind::kInteger;
}

struct PortInfo {
  Name name;
  ValueKind kind = ValueKind::kNull;
  Dimension dimension;    // for quantities
  bool required = false;  // inputs: must be given (no default)
  bool nullable = false;  // outputs: may be null (e.g. offload fields)
  Value default_value;    // inputs with a default
  std::string doc;
};

template <class T>
class Input {
 public:
  // A required input.
  Input(std::string_view name, std::string_view doc) : name_(name), doc_(doc) {}
  // An optional input with a default.
  Input(std::string_view name, T default_value, std::string_view doc)
      : name_(name), default_(std::move(default_value)), doc_(doc) {}

  Name name() const { return name_; }
  const std::optional<T>& default_value() const { return default_; }

  PortInfo info() const {
    PortInfo p;
    p.name = name_;
    p.kind = PortTraits<T>::kind;
    p.dimension = PortTraits<T>::dimension;
    p.required = !default_.has_value();
    if (default_) p.default_value = Value(*default_);
    p.doc = doc_;
    return p;
  }

 private:
  Name name_;
  std::optional<T> default_;
  std::string doc_;
};

template <class T>
class Output {
 public:
  enum Nullability { kNever, kNullable };
  Output(std::string_view name, std::string_view doc, Nullability n = kNever)
      : name_(name), doc_(doc), nullable_(n == kNullable) {}

  Name name() const { return name_; }
  PortInfo info() const {
    PortInfo p;
    p.name = name_;
    p.kind = PortTraits<T>::kind;
    p.dimension = PortTraits<T>::dimension;
    p.nullable = nullable_;
    p.doc = doc_;
    return p;
  }

 private:
  Name name_;
  std::string doc_;
  bool nullable_;
};

// Reads declared inputs from a record, applying defaults. The first problem
// is kept and later reads return a harmless value, so a solver reads all its
// inputs and checks `ok()` once:
//
//   InputReader in(record);
//   auto batch = in.get(kBatch);
//   if (!in.ok()) return in.error();
class InputReader {
 public:
  explicit InputReader(const Record& record) : record_(record) {}
  explicit InputReader(Record&&) = delete;  // would dangle: the reader keeps a reference

  // The input's value, or its default. Strings and specs are returned by
  // reference (into the record or the port's default), numbers by value.
  template <class T>
  MLSYSIM_INLINE std::conditional_t<ReadByReference<T>::value, const T&, T> get(
      const Input<T>& port) {
    const Value* v = record_.find(port.name());
    if constexpr (ReadByReference<T>::value) {
      if (v != nullptr) {
        if (const T* p = PortTraits<T>::peek(*v)) return *p;  // hot path: no copy
        fail_kind<T>(*v, port.name());
        return empty<T>();
      }
      if (port.default_value()) return *port.default_value();
      fail_missing(port.name());
      return empty<T>();
    } else {
      if (v != nullptr) {
        T out{};
        if (PortTraits<T>::read(*v, out)) return out;  // hot path: no Result, no strings
        fail_kind<T>(*v, port.name());
        return T{};
      }
      if (port.default_value()) return *port.default_value();
      fail_missing(port.name());
      return T{};
    }
  }

  // Records a validation failure found by the solver itself.
  void fail(Error error) {
    if (!error_) error_ = std::move(error);
  }
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  template <class T>
  static const T& empty() {
    static const T value{};
    return value;
  }
  template <class T>
  MLSYSIM_COLD void fail_kind(const Value& v, Name name) {
    fail(PortTraits<T>::extract(v, name.view()).error());
  }
  MLSYSIM_COLD void fail_missing(Name name) {
    fail(Error::bad_input(name.str(), "missing required input '" + name.str() + "'"));
  }

  const Record& record_;
  std::optional<Error> error_;
};

// Writes declared outputs, in declaration order, into the caller's record
// (cleared first; its capacity is kept, so a reused record never allocates).
class OutputWriter {
 public:
  OutputWriter(Record& record, std::size_t expected_fields) : record_(record) {
    record_.clear();
    record_.reserve(expected_fields);
  }
  explicit OutputWriter(Record&&, std::size_t) = delete;  // would dangle

  // Inlined: a solver writes every output on every solve.
  template <class T, class V>
  MLSYSIM_INLINE OutputWriter& set(const Output<T>& port, V&& value) {
    if constexpr (std::is_same_v<T, std::string> &&
                  !std::is_same_v<std::remove_cvref_t<V>, std::string>) {
      // Text (a literal, a view): copied once, straight into the record.
      record_.emplace(port.name(), std::string_view(value));
    } else {
      record_.emplace(port.name(), T(std::forward<V>(value)));
    }
    return *this;
  }
  template <class T>
  MLSYSIM_INLINE OutputWriter& set_null(const Output<T>& port) {
    record_.append(port.name(), Value());
    return *this;
  }

 private:
  Record& record_;
};

// What a solver is: identity, one-line summary and ports.
struct SolverInfo {
  std::string name;     // registry key, e.g. "roofline"
  std::string version;  // the plugin's version of this solver
  std::string summary;  // one line
  std::string doc;      // longer description, quirks, references
  std::vector<PortInfo> inputs;
  std::vector<PortInfo> outputs;

  const PortInfo* find_input(std::string_view name) const {
    for (const PortInfo& p : inputs)
      if (p.name.view() == name) return &p;
    return nullptr;
  }
  const PortInfo* find_output(std::string_view name) const {
    for (const PortInfo& p : outputs)
      if (p.name.view() == name) return &p;
    return nullptr;
  }
};

}  // namespace mlsysim
