// Value: what one port carries. Exactly one of null, number, integer, bool,
// string, quantity (with its runtime dimension), hardware spec or model spec.
// Specs are shared, immutable and cheap to copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <boost/units/quantity.hpp>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/quantity.hpp"

namespace mlsysim {

enum class ValueKind { kNull, kNumber, kInteger, kBoolean, kString, kQuantity, kHardware, kModel };

// "null", "number", "integer", "boolean", "string", "quantity", "hardware", "model"
MLSYSIM_API std::string_view to_string(ValueKind kind);

class MLSYSIM_API Value {
 public:
  Value() = default;  // null
  Value(double v) : v_(v) {}
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Value(I v) : v_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(Quantity v) : v_(v) {}
  template <class U>
  Value(boost::units::quantity<U, double> q) : v_(Quantity::from(q)) {}
  Value(HardwareRef v) : v_(std::move(v)) {}
  Value(ModelRef v) : v_(std::move(v)) {}

  ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  bool is_null() const { return kind() == ValueKind::kNull; }

  // Pointer to the payload, or nullptr if the Value holds another kind.
  const double* if_number() const { return std::get_if<double>(&v_); }
  const std::int64_t* if_integer() const { return std::get_if<std::int64_t>(&v_); }
  const bool* if_boolean() const { return std::get_if<bool>(&v_); }
  const std::string* if_string() const { return std::get_if<std::string>(&v_); }
  const Quantity* if_quantity() const { return std::get_if<Quantity>(&v_); }
  const HardwareRef* if_hardware() const { return std::get_if<HardwareRef>(&v_); }
  const ModelRef* if_model() const { return std::get_if<ModelRef>(&v_); }

  // The dimension of a quantity; dimensionless for every other kind.
  Dimension dimension() const {
    const Quantity* q = if_quantity();
    return q ? q->dimension : Dimension{};
  }

  // Short text for messages: "3e+09 B/s", "fp16", "A100", "true".
  std::string describe() const;

 private:
  // Index order must match ValueKind.
  std::variant<std::monostate, double, std::int64_t, bool, std::string, Quantity, HardwareRef,
               ModelRef>
      v_;
};

}  // namespace mlsysim
