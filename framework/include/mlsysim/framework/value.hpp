// Value: what one port carries. Exactly one of null, number, integer, bool,
// string, quantity (with its runtime dimension), hardware spec, model spec,
// another spec (spec.hpp: a fleet, fabric, node, grid or datacenter), a
// list of records (an optimizer's top candidates), a list of names (placement's
// regions), or a table (a small ordered map of numbers, e.g. sensitivity's
// `sensitivities`). Specs and lists are shared, immutable and cheap to copy.
//
// Why not std::variant: records of tens of Values are built and destroyed on
// every solve. A variant with a std::string alternative copies and destroys
// through a visitor table on every element; this tagged union does the
// scalar kinds (numbers, quantities, bools: nearly every solver output) with
// inline stores and a single branch, and only strings and specs take the
// out-of-line path.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/units/quantity.hpp>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/quantity.hpp"
#include "mlsysim/framework/spec.hpp"

namespace mlsysim {

enum class ValueKind : std::uint8_t {
  kNull, kNumber, kInteger, kBoolean, kString, kQuantity, kHardware, kModel, kTable, kSpec, kRecords, kStrings
};

// A small ordered map of numbers, in the order the solver wrote them.
using NumberTable = std::vector<std::pair<std::string, double>>;

// A short list of records (record.hpp), e.g. the best candidates of a search:
// shared and immutable once written.
class Record;
using RecordList = std::vector<Record>;
using RecordListRef = std::shared_ptr<const RecordList>;

// A list of names ("US_Avg", "Quebec"), shared and immutable.
using StringList = std::vector<std::string>;
using StringListRef = std::shared_ptr<const StringList>;

// "null", "number", "integer", "boolean", "string", "quantity", "hardware",
// "model", "table", "spec", "records", "strings"
MLSYSIM_API std::string_view to_string(ValueKind kind);

class MLSYSIM_API Value {
 public:
  Value() noexcept { new (&u_.scalar) Scalar{}; }  // null
  Value(double v) noexcept : kind_(ValueKind::kNumber) { u_.number = v; }
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Value(I v) noexcept : kind_(ValueKind::kInteger) {
    u_.integer = static_cast<std::int64_t>(v);
  }
  Value(bool v) noexcept : kind_(ValueKind::kBoolean) { u_.boolean = v; }
  Value(Quantity v) noexcept : kind_(ValueKind::kQuantity) { u_.quantity = v; }
  template <class U>
  Value(boost::units::quantity<U, double> q) noexcept : Value(Quantity::from(q)) {}
  Value(std::string v) : kind_(ValueKind::kString) { new (&u_.string) std::string(std::move(v)); }
  // Built in place: a solver writing a literal ("Memory") copies it once.
  Value(std::string_view v) : kind_(ValueKind::kString) { new (&u_.string) std::string(v); }
  Value(const char* v) : Value(std::string_view(v)) {}
  Value(HardwareRef v) : kind_(ValueKind::kHardware) { new (&u_.hardware) HardwareRef(std::move(v)); }
  Value(ModelRef v) : kind_(ValueKind::kModel) { new (&u_.model) ModelRef(std::move(v)); }
  Value(NumberTable v) : kind_(ValueKind::kTable) { new (&u_.table) NumberTable(std::move(v)); }
  Value(SpecRef v) : kind_(ValueKind::kSpec) { new (&u_.spec) SpecRef(std::move(v)); }
  Value(RecordList v);  // record.hpp defines it (it needs Record complete)
  Value(RecordListRef v) : kind_(ValueKind::kRecords) { new (&u_.records) RecordListRef(std::move(v)); }
  Value(StringList v) : Value(std::make_shared<const StringList>(std::move(v))) {}
  Value(StringListRef v) : kind_(ValueKind::kStrings) { new (&u_.strings) StringListRef(std::move(v)); }

  Value(const Value& other) { copy_from(other); }
  Value(Value&& other) noexcept { move_from(std::move(other)); }
  Value& operator=(const Value& other) {
    if (this != &other) {
      reset();
      copy_from(other);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      reset();
      move_from(std::move(other));
    }
    return *this;
  }
  MLSYSIM_INLINE ~Value() { reset(); }

  // Overwrites the value with `v`; when it already holds the same plain kind
  // (a record reused from the last solve) only the payload is written.
  MLSYSIM_INLINE void assign(Quantity v) noexcept {
    if (kind_ != ValueKind::kQuantity) reset(), kind_ = ValueKind::kQuantity;
    u_.quantity = v;
  }
  template <class U>
  MLSYSIM_INLINE void assign(boost::units::quantity<U, double> q) noexcept {
    assign(Quantity::from(q));
  }
  MLSYSIM_INLINE void assign(double v) noexcept {
    if (kind_ != ValueKind::kNumber) reset(), kind_ = ValueKind::kNumber;
    u_.number = v;
  }
  MLSYSIM_INLINE void assign(bool v) noexcept {
    if (kind_ != ValueKind::kBoolean) reset(), kind_ = ValueKind::kBoolean;
    u_.boolean = v;
  }
  MLSYSIM_INLINE void assign(std::int64_t v) noexcept {
    if (kind_ != ValueKind::kInteger) reset(), kind_ = ValueKind::kInteger;
    u_.integer = v;
  }
  MLSYSIM_INLINE void assign(std::string_view v) {
    if (kind_ == ValueKind::kString) {
      u_.string.assign(v);  // keeps the string's storage
    } else {
      reset();
      new (&u_.string) std::string(v);
      kind_ = ValueKind::kString;
    }
  }
  // Any other kind (specs, tables, null): as a new Value.
  void assign(Value v) noexcept { *this = std::move(v); }

  ValueKind kind() const { return kind_; }
  bool is_null() const { return kind_ == ValueKind::kNull; }

  // Pointer to the payload, or nullptr if the Value holds another kind.
  const double* if_number() const { return is(ValueKind::kNumber) ? &u_.number : nullptr; }
  const std::int64_t* if_integer() const { return is(ValueKind::kInteger) ? &u_.integer : nullptr; }
  const bool* if_boolean() const { return is(ValueKind::kBoolean) ? &u_.boolean : nullptr; }
  const std::string* if_string() const { return is(ValueKind::kString) ? &u_.string : nullptr; }
  const Quantity* if_quantity() const { return is(ValueKind::kQuantity) ? &u_.quantity : nullptr; }
  const HardwareRef* if_hardware() const { return is(ValueKind::kHardware) ? &u_.hardware : nullptr; }
  const ModelRef* if_model() const { return is(ValueKind::kModel) ? &u_.model : nullptr; }
  const NumberTable* if_table() const { return is(ValueKind::kTable) ? &u_.table : nullptr; }
  const SpecRef* if_spec() const { return is(ValueKind::kSpec) ? &u_.spec : nullptr; }
  const RecordList* if_records() const { return is(ValueKind::kRecords) ? u_.records.get() : nullptr; }
  const StringList* if_strings() const { return is(ValueKind::kStrings) ? u_.strings.get() : nullptr; }

  // A number, an integer or a quantity's base value as a double; `otherwise`
  // for every other kind.
  double number_or(double otherwise) const {
    if (is(ValueKind::kQuantity)) return u_.quantity.value;
    if (is(ValueKind::kNumber)) return u_.number;
    if (is(ValueKind::kInteger)) return static_cast<double>(u_.integer);
    return otherwise;
  }

  // The dimension of a quantity; dimensionless for every other kind.
  Dimension dimension() const { return is(ValueKind::kQuantity) ? u_.quantity.dimension : Dimension{}; }

  // Short text for messages: "3e+09 B/s", "fp16", "A100", "true".
  std::string describe() const;

 private:
  bool is(ValueKind k) const { return kind_ == k; }
  // Strings, specs and tables own resources; every other kind is plain bytes.
  // One bit test: it runs for every field each time a record is cleared.
  static bool owns_resource(ValueKind k) {
    constexpr unsigned kOwning = 1u << static_cast<unsigned>(ValueKind::kString) |
                                 1u << static_cast<unsigned>(ValueKind::kHardware) |
                                 1u << static_cast<unsigned>(ValueKind::kModel) |
                                 1u << static_cast<unsigned>(ValueKind::kTable) |
                                 1u << static_cast<unsigned>(ValueKind::kSpec) |
                                 1u << static_cast<unsigned>(ValueKind::kRecords) |
                                 1u << static_cast<unsigned>(ValueKind::kStrings);
    return (kOwning >> static_cast<unsigned>(k)) & 1u;
  }

  MLSYSIM_INLINE void reset() noexcept {
    if (owns_resource(kind_)) destroy_resource();
    kind_ = ValueKind::kNull;
  }
  MLSYSIM_INLINE void copy_from(const Value& other) {
    if (owns_resource(other.kind_)) return copy_resource(other);
    u_.scalar = other.u_.scalar;  // GCC and Clang define reading the union this way
    kind_ = other.kind_;
  }
  MLSYSIM_INLINE void move_from(Value&& other) noexcept {
    if (owns_resource(other.kind_)) return move_resource(std::move(other));
    u_.scalar = other.u_.scalar;  // GCC and Clang define reading the union this way
    kind_ = other.kind_;
  }
  // Out of line: the rare kinds.
  void destroy_resource() noexcept;
  void copy_resource(const Value& other);
  void move_resource(Value&& other) noexcept;

  // Every trivially copyable kind fits in `scalar`, so copying it copies them all.
  struct Scalar {
    alignas(8) unsigned char bytes[sizeof(Quantity)];
  };
  union Storage {
    Storage() noexcept {}
    ~Storage() {}
    Scalar scalar;
    double number;
    std::int64_t integer;
    bool boolean;
    Quantity quantity;
    std::string string;
    HardwareRef hardware;
    ModelRef model;
    NumberTable table;
    SpecRef spec;
    RecordListRef records;
    StringListRef strings;
  } u_;
  ValueKind kind_ = ValueKind::kNull;
  static_assert(std::is_trivially_copyable_v<Quantity> && sizeof(Quantity) >= sizeof(double));
};

}  // namespace mlsysim
