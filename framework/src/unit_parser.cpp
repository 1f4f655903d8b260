#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/framework/written_quantity.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace mlsysim {
namespace {

struct Named {
  std::string_view name;
  Unit unit;
};

constexpr double kBit = 1.0 / 8.0;

// Units that take no prefix search of their own (matched whole first).
const std::array<Named, 45> kBaseUnits{{
    {"s", {1.0, dims::time}},           {"sec", {1.0, dims::time}},
    {"second", {1.0, dims::time}},      {"seconds", {1.0, dims::time}},
    {"min", {60.0, dims::time}},        {"minute", {60.0, dims::time}},
    {"minutes", {60.0, dims::time}},    {"h", {3600.0, dims::time}},
    {"hr", {3600.0, dims::time}},       {"hour", {3600.0, dims::time}},
    {"hours", {3600.0, dims::time}},    {"day", {86400.0, dims::time}},
    {"days", {86400.0, dims::time}},    {"week", {604800.0, dims::time}},
    {"weeks", {604800.0, dims::time}},  {"month", {2629800.0, dims::time}},  // pint: a year / 12
    {"months", {2629800.0, dims::time}}, {"year", {31557600.0, dims::time}},  // pint: 365.25 days
    {"years", {31557600.0, dims::time}}, {"yr", {31557600.0, dims::time}},
    {"B", {1.0, dims::bytes}},
    {"byte", {1.0, dims::bytes}},       {"bytes", {1.0, dims::bytes}},
    {"b", {kBit, dims::bytes}},         {"bit", {kBit, dims::bytes}},
    {"bits", {kBit, dims::bytes}},      {"bps", {kBit, dims::byte_rate}},
    {"Bps", {1.0, dims::byte_rate}},    {"flop", {1.0, dims::flops}},
    {"flops", {1.0, dims::flops}},      {"FLOP", {1.0, dims::flops}},
    {"FLOPs", {1.0, dims::flops}},      {"FLOPS", {1.0, dims::flop_rate}},
    {"J", {1.0, dims::energy}},         {"Wh", {3600.0, dims::energy}},
    {"W", {1.0, dims::power}},          {"Hz", {1.0, dims::frequency}},
    {"1", {1.0, dims::none}},           {"param", {1.0, dims::none}},
    {"params", {1.0, dims::none}},      {"count", {1.0, dims::none}},
    {"Kparam", {1e3, dims::none}},      {"Mparam", {1e6, dims::none}},
    {"Bparam", {1e9, dims::none}},      {"Tparam", {1e12, dims::none}},
}};

struct Prefix {
  std::string_view text;
  double factor;
};

// Longest first so "Ki" wins over "K".
const std::array<Prefix, 20> kPrefixes{{
    {"Ki", 1024.0},
    {"Mi", 1048576.0},
    {"Gi", 1073741824.0},
    {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0},
    {"Ei", 1152921504606846976.0},
    {"\xC2\xB5", 1e-6},  // µ micro sign
    {"\xCE\xBC", 1e-6},  // μ greek mu
    {"k", 1e3},
    {"K", 1e3},
    {"M", 1e6},
    {"G", 1e9},
    {"T", 1e12},
    {"P", 1e15},
    {"E", 1e18},
    {"m", 1e-3},
    {"u", 1e-6},
    {"n", 1e-9},
    {"p", 1e-12},
    {"c", 1e-2},
}};

// A bare multiplier prefix is a count: "5 k/s" is 5000 per second, as the
// CLI prints rates ("1.416 k/s"). Only the large ones: "m/s" would read as
// metres.
constexpr std::array<Prefix, 7> kCountPrefixes{{
    {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}}};

// "mb", "gb", "mbps": lowercase sizes that could mean bytes or bits (and
// "m" would make them milli-): refused with both readings. "kbps" is
// unambiguous (kilobits per second) and stays.
std::optional<std::string> ambiguous_lowercase(std::string_view token) {
  if (token.size() < 2 || std::string_view("kmgtpe").find(token[0]) == std::string_view::npos) return std::nullopt;
  const std::string_view rest = token.substr(1);
  if (rest != "b" && !(rest == "bps" && token[0] != 'k')) return std::nullopt;
  const char upper = token[0] == 'k' ? 'k' : static_cast<char>(token[0] - 'a' + 'A');
  const std::string bits = token[0] == 'k' ? "kbit" : fmt::format("{}b", upper);  // "kb" is what was refused
  return rest == "b" ? fmt::format("is ambiguous: write {}B for bytes or {} for bits", upper, bits)
                     : fmt::format("is ambiguous: write {0}B/s for bytes or {0}bps for bits per second", upper);
}

const Unit* find_base(std::string_view name) {
  for (const Named& n : kBaseUnits)
    if (n.name == name) return &n.unit;
  return nullptr;
}

bool find_factor(std::string_view token, Unit* out) {
  if (const Unit* u = find_base(token)) {
    *out = *u;
    return true;
  }
  for (const Prefix& p : kCountPrefixes) {
    if (token == p.text) {
      *out = {p.factor, dims::none};
      return true;
    }
  }
  for (const Prefix& p : kPrefixes) {
    if (token.size() > p.text.size() && token.substr(0, p.text.size()) == p.text) {
      const Unit* u = find_base(token.substr(p.text.size()));
      if (u != nullptr && token.substr(p.text.size()) != "1") {
        *out = {p.factor * u->factor, u->dimension};
        return true;
      }
    }
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error unit_error(std::string_view field, std::string_view unit, std::string_view why) {
  return Error::bad_input(std::string(field),
                          fmt::format("{}: unit '{}' {}", field, unit, why));
}

}  // namespace

// Dimension exponents beyond this are refused (Dimension keeps them in 8
// bits; no physical unit comes near).
constexpr int kMaxExponent = 16;

Result<Unit> parse_unit(std::string_view text, std::string_view field) {
  std::string_view rest = trim(text);
  // "1" is how a plain number's unit is written back (Dimension::unit_symbol).
  if (rest.empty() || rest == "1") return Unit{};
  Unit total;
  std::array<int, Dimension::kCount> exponents{};  // tracked exactly, then checked
  bool divide = false;
  bool first = true;
  while (true) {
    rest = trim(rest);
    std::size_t end = rest.find_first_of("/*");
    std::string_view token = trim(rest.substr(0, end));
    int power = 1;
    if (std::size_t caret = token.find('^'); caret != std::string_view::npos) {
      std::string_view digits = token.substr(caret + 1);
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), power);
      if (ec != std::errc{} || ptr != digits.data() + digits.size())
        return unit_error(field, text, "has a malformed exponent");
      if (power < -kMaxExponent || power > kMaxExponent)
        return unit_error(field, text, fmt::format("has an exponent outside [-{0}, {0}]", kMaxExponent));
      token = token.substr(0, caret);
    }
    Unit factor;
    if (token.empty() && first && end != std::string_view::npos && rest[end] == '/') token = "1";  // "/s" is 1/s
    if (token.empty()) return unit_error(field, text, "is malformed (empty factor)");
    if (std::optional<std::string> why = ambiguous_lowercase(token)) return unit_error(field, text, *why);
    if (!find_factor(token, &factor))
      return unit_error(field, text, fmt::format("is not known (no unit '{}')", token));
    if (first && token == "1" && end == std::string_view::npos)  // "3 1" is not a quantity
      return unit_error(field, text, "is not a unit");
    double scaled = std::pow(factor.factor, power);
    for (int b = 0; b < Dimension::kCount; ++b) {
      exponents[b] += (divide ? -1 : 1) * power * factor.dimension.exponent(static_cast<Dimension::Base>(b));
      if (exponents[b] < -kMaxExponent || exponents[b] > kMaxExponent)
        return unit_error(field, text, fmt::format("has a dimension exponent outside [-{0}, {0}]", kMaxExponent));
    }
    Dimension dim = factor.dimension.pow(power);
    if (divide) {
      total.factor /= scaled;
      total.dimension = total.dimension / dim;
    } else {
      total.factor *= scaled;
      total.dimension = total.dimension * dim;
    }
    first = false;
    if (end == std::string_view::npos) break;
    divide = rest[end] == '/';
    rest = rest.substr(end + 1);
  }
  if (!std::isfinite(total.factor) || total.factor == 0)
    return unit_error(field, text, "has a scale factor that is not a finite, non-zero number");
  return total;
}

Result<Quantity> parse_quantity(std::string_view text, std::string_view field) {
  std::string_view s = trim(text);
  double magnitude = 0.0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude);
  if (ec != std::errc{} || ptr == s.data())
    return Error::bad_input(std::string(field),
                            fmt::format("{}: '{}' is not a quantity (expected a number followed "
                                        "by a unit, e.g. \"3 GB/s\")",
                                        field, text));
  if (!std::isfinite(magnitude))
    return Error::bad_input(std::string(field),
                            fmt::format("{}: '{}' is not a finite number", field, text));
  std::string_view unit_text = s.substr(static_cast<std::size_t>(ptr - s.data()));
  Result<Unit> unit = parse_unit(unit_text, field);
  if (!unit.ok()) return unit.error();
  const double value = magnitude * unit->factor;
  if (!std::isfinite(value))
    return Error::bad_input(std::string(field),
                            fmt::format("{}: '{}' is beyond the range of a double in base units", field, text));
  return Quantity{value, unit->dimension};
}

Result<WrittenQuantity> parse_written_quantity(std::string_view text, std::string_view field) {
  Result<Quantity> base = parse_quantity(text, field);
  if (!base.ok()) return base.error();
  const std::string_view s = trim(text);
  WrittenQuantity out;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out.magnitude);
  (void)ec;  // parse_quantity has read the same number
  out.unit = std::string(trim(s.substr(static_cast<std::size_t>(ptr - s.data()))));
  out.base = *base;
  return out;
}

namespace {
Result<Quantity> expect(Result<Quantity> q, std::string_view shown, Dimension expected,
                        std::string_view field) {
  if (!q.ok()) return q;
  if (q->dimension != expected)
    return Error::bad_input(
        std::string(field),
        fmt::format("{}: '{}' is a {} ({}), expected a {} ({})", field, shown,
                    q->dimension.description(), q->dimension.unit_symbol(),
                    expected.description(), expected.unit_symbol()));
  return q;
}
}  // namespace

Result<Quantity> parse_quantity_as(std::string_view text, Dimension expected,
                                   std::string_view field) {
  return expect(parse_quantity(text, field), text, expected, field);
}

Result<Quantity> make_quantity(double magnitude, std::string_view unit_text, Dimension expected,
                               std::string_view field) {
  if (!std::isfinite(magnitude))
    return Error::bad_input(std::string(field), fmt::format("{}: value is not finite", field));
  Result<Unit> unit = parse_unit(unit_text, field);
  if (!unit.ok()) return unit.error();
  const double value = magnitude * unit->factor;
  if (!std::isfinite(value))  // {"value": 1e308, "unit": "TB/s"} overflows in base units
    return Error::bad_input(std::string(field), fmt::format("{}: {} {} is not finite in base units", field,
                                                            magnitude, unit_text));
  return expect(Quantity{value, unit->dimension}, fmt::format("{} {}", magnitude, unit_text), expected, field);
}

}  // namespace mlsysim
