// PortTraits<T>: how a C++ type maps to a port (kind, dimension) and how a
// Value is read as that type: read() is the allocation-free hot path,
// extract() the same with an error naming the field on mismatch.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/units/quantity.hpp>

#include "mlsysim/framework/dimension.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

namespace detail {
MLSYSIM_API Error kind_mismatch(std::string_view field, const Value& v, ValueKind expected,
                                Dimension expected_dim);
}

template <class T>
struct PortTraits;  // undefined: unsupported port type

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

template <>
struct PortTraits<std::int64_t> {
  static constexpr ValueKind kind = ValueKind::kInteger;
  static constexpr Dimension dimension{};
  static bool read(const Value& v, std::int64_t& out) {
    if (const auto* p = v.if_integer()) return out = *p, true;
    return false;
  }
  static Result<std::int64_t> extract(const Value& v, std::string_view field) {
    if (const std::int64_t* i = v.if_integer()) return *i;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

template <>
struct PortTraits<bool> {
  static constexpr ValueKind kind = ValueKind::kBoolean;
  static constexpr Dimension dimension{};
  static bool read(const Value& v, bool& out) {
    if (const auto* p = v.if_boolean()) return out = *p, true;
    return false;
  }
  static Result<bool> extract(const Value& v, std::string_view field) {
    if (const bool* b = v.if_boolean()) return *b;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

template <>
struct PortTraits<std::string> {
  static constexpr ValueKind kind = ValueKind::kString;
  static constexpr Dimension dimension{};
  static bool read(const Value& v, std::string& out) {
    if (const auto* p = v.if_string()) return out = *p, true;
    return false;
  }
  static Result<std::string> extract(const Value& v, std::string_view field) {
    if (const std::string* s = v.if_string()) return *s;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

template <>
struct PortTraits<HardwareRef> {
  static constexpr ValueKind kind = ValueKind::kHardware;
  static constexpr Dimension dimension{};
  static bool read(const Value& v, HardwareRef& out) {
    if (const auto* p = v.if_hardware()) return out = *p, true;
    return false;
  }
  static Result<HardwareRef> extract(const Value& v, std::string_view field) {
    if (const HardwareRef* h = v.if_hardware()) return *h;
    return detail::kind_mismatch(field, v, kind, dimension);
  }
};

template <>
struct PortTraits<ModelRef> {
  static constexpr ValueKind kind = ValueKind::kModel;
  static constexpr Dimension dimension{};
  static bool read(const Value& v, ModelRef& out) {
    if (const auto* p = v.if_model()) return out = *p, true;
    return false;
  }
  static Result<ModelRef> extract(const Value& v, std::string_view field) {
    if (const ModelRef* m = v.if_model()) return *m;
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
