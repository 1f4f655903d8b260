// Ports: what a solver reads and writes. Each port is declared once, as a
// typed `Input<T>` / `Output<T>` member of a contract (contract.hpp); the
// same object describes the port to the registry and reads or writes it
// while solving, so names, kinds, dimensions, defaults and constraints have
// one source of truth shared by every implementation and every caller.
//
//   const Input<std::int64_t> batch_size{c, "batch_size", 1, "samples", at_least(1)};
//   const Output<Seconds> latency{c, "latency", "end-to-end step time"};
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "mlsysim/framework/constraint.hpp"
#include "mlsysim/framework/name.hpp"
#include "mlsysim/framework/port_traits.hpp"
#include "mlsysim/framework/record.hpp"

namespace mlsysim {

struct PortInfo {
  Name name;
  ValueKind kind = ValueKind::kNull;
  Dimension dimension;    // for quantities
  bool required = false;  // inputs: must be given (no default)
  bool optional = false;  // inputs: may be left out or null, and has no default
  bool nullable = false;  // outputs: may be null (e.g. offload fields)
  Value default_value;    // inputs with a default
  Constraint constraint;  // inputs: accepted values beyond kind and unit
  std::string doc;
  // Inputs: a parameter of the implementation (sdk/parameters.hpp), not a
  // port of its contract; its default is the value the variant loaded.
  bool parameter = false;
  // Spec ports: the kind of spec (a fleet, a fabric, ...); else nullptr.
  const SpecKind* spec_kind = nullptr;
  // A quantity kept as written (written_quantity.hpp): a string port that
  // takes "<magnitude> <unit>" of any dimension, {"value", "unit"}, or a
  // bare number in base units of `dimension`.
  bool as_written = false;
};

// What the port carries, as users read it: "quantity", "integer", ...,
// and for spec ports the spec kind ("fleet").
inline std::string_view kind_name(const PortInfo& port) {
  if (port.as_written) return "quantity (as written)";
  return port.spec_kind != nullptr ? port.spec_kind->name() : to_string(port.kind);
}

namespace detail {
// "<field>: got <value>, expected <what the port takes>".
MLSYSIM_API Error kind_mismatch(std::string_view field, const Value& v, const PortInfo& port);
}  // namespace detail

// Whether `v` may be given for `port`: the same kind (and dimension, for
// quantities; spec kind, for specs), or an integer for a number. The one
// rule behind validate_inputs and the registry's per-solve check.
inline bool input_accepts(const PortInfo& port, const Value& v) {
  const ValueKind given = v.kind();
  if (given == port.kind) {
    if (given == ValueKind::kQuantity) return v.dimension() == port.dimension;
    if (given == ValueKind::kSpec) return &(*v.if_spec())->kind() == port.spec_kind;
    return true;
  }
  return port.kind == ValueKind::kNumber && given == ValueKind::kInteger;
}

// The contract a port is declared in (see contract.hpp). Ports register
// themselves with it as they are constructed, so a contract lists each port
// exactly once, in declaration order, and nothing counts them by hand. Each
// returns the port's position; on a sealed contract they throw
// std::logic_error.
class Contract;
MLSYSIM_API std::size_t add_input_port(Contract& contract, PortInfo port);
MLSYSIM_API std::size_t add_output_port(Contract& contract, PortInfo port);

// Marks an input that may be left out and has no default (read it with
// InputReader::has / get, which gives an empty value when it is absent).
struct OptionalInput {};
inline constexpr OptionalInput kOptional{};

template <class T>
class Input {
 public:
  // A required input.
  Input(Contract& contract, std::string_view name, std::string_view doc, Constraint c = {})
      : name_(name), index_(add_input_port(contract, info(doc, std::move(c), /*optional=*/false))) {}
  // An input with a default.
  Input(Contract& contract, std::string_view name, T default_value, std::string_view doc,
        Constraint c = {})
      : name_(name),
        default_(std::move(default_value)),
        index_(add_input_port(contract, info(doc, std::move(c), /*optional=*/false))) {}
  // An optional input without a default.
  Input(Contract& contract, std::string_view name, OptionalInput, std::string_view doc)
      : name_(name), optional_(true), index_(add_input_port(contract, info(doc, {}, /*optional=*/true))) {}
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  Name name() const { return name_; }
  const std::optional<T>& default_value() const { return default_; }
  bool optional() const { return optional_; }
  // Position among the contract's inputs.
  std::size_t index() const { return index_; }

 private:
  PortInfo info(std::string_view doc, Constraint c, bool optional) const {
    PortInfo p;
    p.name = name_;
    p.kind = PortTraits<T>::kind;
    p.dimension = PortTraits<T>::dimension;
    if constexpr (requires { PortTraits<T>::spec_kind(); }) p.spec_kind = &PortTraits<T>::spec_kind();
    if constexpr (requires { PortTraits<T>::kAsWritten; }) p.as_written = true;
    p.required = !default_.has_value() && !optional;
    p.optional = optional;
    if constexpr (std::is_constructible_v<Value, T>)
      if (default_) p.default_value = Value(*default_);
    p.constraint = std::move(c);
    p.doc = doc;
    return p;
  }

  Name name_;
  std::optional<T> default_;
  bool optional_ = false;
  std::size_t index_;
};

template <class T>
class Output {
 public:
  enum Nullability { kNever, kNullable };
  Output(Contract& contract, std::string_view name, std::string_view doc, Nullability n = kNever)
      : name_(name),
        nullable_(n == kNullable),
        index_(add_output_port(contract, info(doc))),
        bit_(index_ < 64 ? std::uint64_t{1} << index_ : 0) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  Name name() const { return name_; }
  bool nullable() const { return nullable_; }
  // Position among the contract's outputs, and 1 << position (0 past 63):
  // the bit a call that writes it sets.
  std::size_t index() const { return index_; }
  std::uint64_t bit() const { return bit_; }

 private:
  PortInfo info(std::string_view doc) const {
    PortInfo p;
    p.name = name_;
    p.kind = PortTraits<T>::kind;
    p.dimension = PortTraits<T>::dimension;
    if constexpr (requires { PortTraits<T>::spec_kind(); }) p.spec_kind = &PortTraits<T>::spec_kind();
    p.nullable = nullable_;
    p.doc = doc;
    return p;
  }

  Name name_;
  bool nullable_;
  std::size_t index_;
  std::uint64_t bit_;
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
  // reference (into the record or the port's default), numbers by value. An
  // optional input that is absent (or null) reads as an empty value.
  template <class T>
  MLSYSIM_INLINE std::conditional_t<ReadByReference<T>::value, const T&, T> get(
      const Input<T>& port) {
    const Value* v = record_.find(port.name());
    if constexpr (ReadByReference<T>::value) {
      if (v != nullptr) {
        if (const T* p = PortTraits<T>::peek(*v)) return *p;  // hot path: no copy
        if (!v->is_null()) {
          fail_kind<T>(*v, port.name());
          return empty<T>();
        }
      }
      if (port.default_value()) return *port.default_value();
      if (!port.optional()) fail_missing(port.name());
      return empty<T>();
    } else {
      if (v != nullptr) {
        T out{};
        if (PortTraits<T>::read(*v, out)) return out;  // hot path: no Result, no strings
        if (!v->is_null()) {
          fail_kind<T>(*v, port.name());
          return T{};
        }
      }
      if (port.default_value()) return *port.default_value();
      if (!port.optional()) fail_missing(port.name());
      return T{};
    }
  }

  // Whether the record gives `port` a (non-null) value.
  template <class T>
  bool has(const Input<T>& port) const {
    const Value* v = record_.find(port.name());
    return v != nullptr && !v->is_null();
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
  // As above, sized for every output `info` declares.
  template <class Info>
  OutputWriter(Record& record, const Info& info) : OutputWriter(record, info.outputs().size()) {}
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

}  // namespace mlsysim
