// PortTraits<T>: how a C++ type maps to a port (kind, dimension) and how a
// Value is read as that type: read() is the allocation-free hot path,
// extract() the same with an error naming the field on mismatch.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/units/quantity.hpp>

#include "mlsysim/framework/dimension.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/framework/written_quantity.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

namespace detail {
MLSYSIM_API Error kind_mismatch(std::string_view field, const Value& v, ValueKind expected,
                                Dimension expected_dim);
}

template <class T>
struct PortTraits;  // undefined: unsupported port type

// Whether InputReader hands out `const T&` (strings, specs) or a copy.
template <class T, class = void>
struct ReadByReference : std::false_type {};
template <class T>
struct ReadByReference<T, std::enable_if_t<PortTraits<T>::kByReference>> : std::true_type {};

template <>
struct PortTraits<double> {
  static constexpr ValueKind kind = ValueKind::kNumber;
  static constexpr Dimension dimension{};
  static bool read(const Value& v, double& out) {
    if (const double* d = v.if_number()) return out = *d, true;
    if (const std::int64_t* i = v.if_integer()) return out = static_cast<double>(*i), true;
    return false;
  }
  static Result<double> extract(const Value& v, std::string_view field) {
    if (const double* d = v.if_number()) return *d;
    if (const std::int64_t* i = v.if_integer()) return static_cast<double>(*i);
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

// Kinds whose payload is read as is. Strings and specs are also readable in
// place (peek), so solvers need not copy them: InputReader::get returns a
// reference for such ports.
template <class T, ValueKind Kind, const T* (Value::*Payload)() const>
struct PayloadTraits {
  static constexpr ValueKind kind = Kind;
  static constexpr Dimension dimension{};
  static constexpr bool kByReference = !std::is_trivially_copyable_v<T>;
  static const T* peek(const Value& v) { return (v.*Payload)(); }
  static bool read(const Value& v, T& out) {
    if (const T* p = (v.*Payload)()) return out = *p, true;
    return false;
  }
  static Result<T> extract(const Value& v, std::string_view field) {
    T out{};
    if (read(v, out)) return out;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

template <>
struct PortTraits<std::int64_t>
    : PayloadTraits<std::int64_t, ValueKind::kInteger, &Value::if_integer> {};
template <>
struct PortTraits<bool> : PayloadTraits<bool, ValueKind::kBoolean, &Value::if_boolean> {};
template <>
struct PortTraits<std::string>
    : PayloadTraits<std::string, ValueKind::kString, &Value::if_string> {};
template <>
struct PortTraits<HardwareRef>
    : PayloadTraits<HardwareRef, ValueKind::kHardware, &Value::if_hardware> {};
template <>
struct PortTraits<ModelRef> : PayloadTraits<ModelRef, ValueKind::kModel, &Value::if_model> {};
template <>
struct PortTraits<NumberTable>
    : PayloadTraits<NumberTable, ValueKind::kTable, &Value::if_table> {};
template <>
struct PortTraits<RecordList> : PayloadTraits<RecordList, ValueKind::kRecords, &Value::if_records> {};
template <>
struct PortTraits<StringList> : PayloadTraits<StringList, ValueKind::kStrings, &Value::if_strings> {};

// Specs of the kinds in spec.hpp: a port declared Input<FleetSpec> reads
// as `const FleetSpec&`, in place.
template <class S>
struct SpecTraits {
  static constexpr ValueKind kind = ValueKind::kSpec;
  static constexpr Dimension dimension{};
  static constexpr bool kByReference = true;
  static const SpecKind& spec_kind() { return kind_of<S>(); }
  static const S* peek(const Value& v) {
    const SpecRef* r = v.if_spec();
    return r != nullptr && &(*r)->kind() == &kind_of<S>() ? static_cast<const S*>(r->get()) : nullptr;
  }
  static bool read(const Value& v, S& out) {
    if (const S* p = peek(v)) return out = *p, true;
    return false;
  }
  static Result<S> extract(const Value& v, std::string_view field) {
    if (const S* p = peek(v)) return *p;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};
template <>
struct PortTraits<FabricSpec> : SpecTraits<FabricSpec> {};
template <>
struct PortTraits<NodeSpec> : SpecTraits<NodeSpec> {};
template <>
struct PortTraits<GridSpec> : SpecTraits<GridSpec> {};
template <>
struct PortTraits<DatacenterSpec> : SpecTraits<DatacenterSpec> {};
template <>
struct PortTraits<FleetSpec> : SpecTraits<FleetSpec> {};

// A quantity as written (written_quantity.hpp): carried as its text, read
// by parsing it; `dimension` is what a bare number means.
template <class Q>
struct PortTraits<Written<Q>> {
  static constexpr ValueKind kind = ValueKind::kString;
  static constexpr Dimension dimension = DimensionOf<Q>;
  static constexpr bool kAsWritten = true;
  static bool read(const Value& v, Written<Q>& out) {
    const std::string* text = v.if_string();
    if (text == nullptr) return false;
    Result<WrittenQuantity> parsed = parse_written_quantity(*text, "");
    if (!parsed.ok()) return false;
    static_cast<WrittenQuantity&>(out) = std::move(parsed).value();
    return true;
  }
  static Result<Written<Q>> extract(const Value& v, std::string_view field) {
    Written<Q> out;
    if (read(v, out)) return out;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

template <class U>
struct PortTraits<boost::units::quantity<U, double>> {
  using Q = boost::units::quantity<U, double>;
  static constexpr ValueKind kind = ValueKind::kQuantity;
  static constexpr Dimension dimension = DimensionOf<Q>;
  static bool read(const Value& v, Q& out) {
    const Quantity* q = v.if_quantity();
    if (q == nullptr || q->dimension != dimension) return false;
    out = Q::from_value(q->value);
    return true;
  }
  static Result<Q> extract(const Value& v, std::string_view field) {
    if (const Quantity* q = v.if_quantity(); q && q->dimension == dimension)
      return Q::from_value(q->value);
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

}  // namespace mlsysim
