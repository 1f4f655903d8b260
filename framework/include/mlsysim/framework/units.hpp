// Compile-time quantities for mlsysim, built on Boost.Units.
//
// Base dimensions: SI length, mass and time (so energy and power are the SI
// joule and watt) plus two of our own: floating-point work (`flop`) and
// information (`byte`). Every quantity is stored in base units of the
// `mlsysim::units::system`: m, kg, s, flop, B. Plugins use the aliases below
// and never define units of their own.
#pragma once

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/physical_dimensions/length.hpp>
#include <boost/units/physical_dimensions/mass.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/unit.hpp>

namespace mlsysim {
namespace units {

// Ordinals must be unique among all base dimensions/units in the program;
// Boost.Units reserves small negative ordinals for its own SI ones.
struct flop_base_dimension : boost::units::base_dimension<flop_base_dimension, 901> {};
struct byte_base_dimension : boost::units::base_dimension<byte_base_dimension, 902> {};

using flop_dimension = flop_base_dimension::dimension_type;
using byte_dimension = byte_base_dimension::dimension_type;

struct flop_base_unit : boost::units::base_unit<flop_base_unit, flop_dimension, 901> {
  static const char* name() { return "flop"; }
  static const char* symbol() { return "flop"; }
};
struct byte_base_unit : boost::units::base_unit<byte_base_unit, byte_dimension, 902> {
  static const char* name() { return "byte"; }
  static const char* symbol() { return "B"; }
};

using system = boost::units::make_system<boost::units::si::meter_base_unit,
                                         boost::units::si::kilogram_base_unit,
                                         boost::units::si::second_base_unit, flop_base_unit,
                                         byte_base_unit>::type;

using length_base = boost::units::length_base_dimension;
using mass_base = boost::units::mass_base_dimension;
using time_base = boost::units::time_base_dimension;

// Dimensions (derived_dimension takes base dimension / exponent pairs).
using dimensionless_dim = boost::units::dimensionless_type;
using time_dim = boost::units::derived_dimension<time_base, 1>::type;
using frequency_dim = boost::units::derived_dimension<time_base, -1>::type;
using flops_dim = boost::units::derived_dimension<flop_base_dimension, 1>::type;
using bytes_dim = boost::units::derived_dimension<byte_base_dimension, 1>::type;
using flop_rate_dim = boost::units::derived_dimension<flop_base_dimension, 1, time_base, -1>::type;
using byte_rate_dim = boost::units::derived_dimension<byte_base_dimension, 1, time_base, -1>::type;
using intensity_dim =
    boost::units::derived_dimension<flop_base_dimension, 1, byte_base_dimension, -1>::type;
using energy_dim =
    boost::units::derived_dimension<length_base, 2, mass_base, 1, time_base, -2>::type;
using power_dim =
    boost::units::derived_dimension<length_base, 2, mass_base, 1, time_base, -3>::type;

template <class Dim>
using unit_of = boost::units::unit<Dim, system>;

}  // namespace units

// Named quantity aliases: the only unit vocabulary plugins need.
template <class Dim>
using QuantityOf = boost::units::quantity<units::unit_of<Dim>, double>;

using Seconds = QuantityOf<units::time_dim>;
using Frequency = QuantityOf<units::frequency_dim>;    // 1/s (throughput)
using Flops = QuantityOf<units::flops_dim>;            // floating-point work
using FlopRate = QuantityOf<units::flop_rate_dim>;     // flop/s
using Bytes = QuantityOf<units::bytes_dim>;            // information
using ByteRate = QuantityOf<units::byte_rate_dim>;     // B/s
using Intensity = QuantityOf<units::intensity_dim>;    // flop/B
using Joules = QuantityOf<units::energy_dim>;
using Watts = QuantityOf<units::power_dim>;
using Ratio = QuantityOf<units::dimensionless_dim>;
// A count MLSys·im reports with a unit (parameters, tokens): JSON writes it
// as {"value", "unit": "count"}.
using Count = Ratio;

// Unit constants for writing literals in base units: `2.0 * unit::bytes`.
namespace unit {
inline constexpr units::unit_of<units::time_dim> seconds{};
inline constexpr units::unit_of<units::flops_dim> flops{};
inline constexpr units::unit_of<units::bytes_dim> bytes{};
inline constexpr units::unit_of<units::flop_rate_dim> flop_per_second{};
inline constexpr units::unit_of<units::byte_rate_dim> bytes_per_second{};
inline constexpr units::unit_of<units::energy_dim> joules{};
inline constexpr units::unit_of<units::power_dim> watts{};
inline constexpr units::unit_of<units::frequency_dim> per_second{};
inline constexpr units::unit_of<units::intensity_dim> flop_per_byte{};
inline constexpr units::unit_of<units::dimensionless_dim> count{};
}  // namespace unit

}  // namespace mlsysim
