// Runtime dimension of a quantity: integer exponents of the five base
// dimensions (length, mass, time, flop, byte). It is what a `Value` carries
// and what ports declare, so checks work for solvers written after the kernel.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/units/dimensionless_type.hpp>
#include <boost/units/dim.hpp>
#include <boost/units/static_rational.hpp>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {

class MLSYSIM_API Dimension {
 public:
  enum Base : int { kLength = 0, kMass, kTime, kFlop, kByte, kCount };

  constexpr Dimension() = default;
  constexpr Dimension(int length, int mass, int time, int flop, int byte)
      : exp_{static_cast<std::int8_t>(length), static_cast<std::int8_t>(mass),
             static_cast<std::int8_t>(time), static_cast<std::int8_t>(flop),
             static_cast<std::int8_t>(byte)} {}

  constexpr int exponent(Base b) const { return exp_[b]; }
  constexpr Dimension with(Base b, int e) const {
    Dimension d = *this;
    d.exp_[b] = static_cast<std::int8_t>(e);
    return d;
  }
  constexpr bool dimensionless() const { return *this == Dimension{}; }

  constexpr Dimension operator*(Dimension o) const {
    Dimension d;
    for (int i = 0; i < kCount; ++i) d.exp_[i] = static_cast<std::int8_t>(exp_[i] + o.exp_[i]);
    return d;
  }
  constexpr Dimension operator/(Dimension o) const {
    Dimension d;
    for (int i = 0; i < kCount; ++i) d.exp_[i] = static_cast<std::int8_t>(exp_[i] - o.exp_[i]);
    return d;
  }
  constexpr Dimension pow(int n) const {
    Dimension d;
    for (int i = 0; i < kCount; ++i) d.exp_[i] = static_cast<std::int8_t>(exp_[i] * n);
    return d;
  }
  constexpr bool operator==(const Dimension&) const = default;

  // Base-unit symbol: "s", "B/s", "flop/s", "flop/B", "1/s", "J", "W", "1".
  std::string unit_symbol() const;
  // Human name: "time", "data rate", "compute rate", ... (falls back to the symbol).
  std::string description() const;

 private:
  // Padded to 8 bytes so a Quantity is two aligned words: records copy and
  // compare it with whole-word moves, never byte-sized ones.
  alignas(8) std::array<std::int8_t, 8> exp_{};
};
static_assert(sizeof(Dimension) == 8);

namespace dims {
inline constexpr Dimension none{};
inline constexpr Dimension time{0, 0, 1, 0, 0};
inline constexpr Dimension frequency{0, 0, -1, 0, 0};
inline constexpr Dimension flops{0, 0, 0, 1, 0};
inline constexpr Dimension bytes{0, 0, 0, 0, 1};
inline constexpr Dimension flop_rate{0, 0, -1, 1, 0};
inline constexpr Dimension byte_rate{0, 0, -1, 0, 1};
inline constexpr Dimension intensity{0, 0, 0, 1, -1};
inline constexpr Dimension energy{2, 1, -2, 0, 0};
inline constexpr Dimension power{2, 1, -3, 0, 0};
}  // namespace dims

namespace detail {
template <class BaseDim> struct BaseIndex;
template <> struct BaseIndex<units::length_base> { static constexpr auto value = Dimension::kLength; };
template <> struct BaseIndex<units::mass_base> { static constexpr auto value = Dimension::kMass; };
template <> struct BaseIndex<units::time_base> { static constexpr auto value = Dimension::kTime; };
template <> struct BaseIndex<units::flop_base_dimension> { static constexpr auto value = Dimension::kFlop; };
template <> struct BaseIndex<units::byte_base_dimension> { static constexpr auto value = Dimension::kByte; };

// Walks a Boost.Units dimension list (list<dim<Base, rational>, ...>).
template <class List> struct ExponentsOf;
template <> struct ExponentsOf<boost::units::dimensionless_type> {
  static constexpr Dimension value{};
};
template <class Base, class Rational, class Rest>
struct ExponentsOf<boost::units::list<boost::units::dim<Base, Rational>, Rest>> {
  static_assert(Rational::Denominator == 1, "fractional exponents are not supported");
  static constexpr Dimension value =
      ExponentsOf<Rest>::value.with(BaseIndex<Base>::value, static_cast<int>(Rational::Numerator));
};
}  // namespace detail

// Runtime dimension of a Boost.Units quantity type, e.g. DimensionOf<ByteRate>.
template <class Quantity>
inline constexpr Dimension DimensionOf =
    detail::ExponentsOf<typename Quantity::unit_type::dimension_type>::value;

}  // namespace mlsysim
