#include "mlsysim/framework/dimension.hpp"

#include <array>
#include <string>

namespace mlsysim {

std::string Dimension::unit_symbol() const {
  if (*this == dims::energy) return "J";
  if (*this == dims::power) return "W";
  static constexpr std::array<const char*, kCount> kSymbols{"m", "kg", "s", "flop", "B"};
  // Conventional order: work and data first, then mass, length, time.
  static constexpr std::array<Base, kCount> kOrder{kFlop, kByte, kMass, kLength, kTime};
  std::string num, den;
  for (Base b : kOrder) {
    int e = exponent(b);
    if (e == 0) continue;
    std::string& side = e > 0 ? num : den;
    if (!side.empty()) side += "*";
    side += kSymbols[b];
    if (std::abs(e) != 1) {
      side += '^';
      side += std::to_string(std::abs(e));
    }
  }
  if (num.empty() && den.empty()) return "1";
  if (den.empty()) return num;
  return (num.empty() ? "1" : num) + "/" + den;
}

std::string Dimension::description() const {
  if (*this == dims::none) return "plain number";
  if (*this == dims::time) return "time";
  if (*this == dims::frequency) return "frequency";
  if (*this == dims::flops) return "amount of work";
  if (*this == dims::bytes) return "data size";
  if (*this == dims::flop_rate) return "compute rate";
  if (*this == dims::byte_rate) return "data rate";
  if (*this == dims::intensity) return "arithmetic intensity";
  if (*this == dims::energy) return "energy";
  if (*this == dims::power) return "power";
  return "quantity";
}

}  // namespace mlsysim
