// quantity_from_json: the one rule for a quantity in JSON (json.hpp).
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {

Result<Quantity> quantity_from_json(const Json& j, std::optional<Dimension> expected,
                                    std::string_view field) {
  const Dimension dim = expected.value_or(Dimension{});
  if (j.is_string()) {
    const std::string& text = j.get_ref<const std::string&>();
    return expected ? parse_quantity_as(text, dim, field) : parse_quantity(text, field);
  }
  if (j.is_number()) {  // base units, the unit outputs are written in
    const double d = j.get<double>();
    if (std::isfinite(d)) return Quantity{d, dim};
  } else if (j.is_object() && j.size() == 2 && j.contains("value") && j.contains("unit") &&
             j["value"].is_number() && j["unit"].is_string()) {
    const double magnitude = j["value"].get<double>();
    const std::string& unit = j["unit"].get_ref<const std::string&>();
    if (expected) return make_quantity(magnitude, unit, dim, field);
    Result<Unit> u = parse_unit(unit, field);
    if (!u.ok()) return u.error();
    if (std::isfinite(magnitude * u->factor)) return Quantity{magnitude * u->factor, u->dimension};
  }
  const std::string want = expected ? fmt::format("a quantity in {} (\"1 {}\", a number in {}, or "
                                                  "{{\"value\": 1, \"unit\": \"{}\"}})",
                                                  dim.description(), dim.unit_symbol(), dim.unit_symbol(),
                                                  dim.unit_symbol())
                                    : std::string("a finite number, a quantity string, or {\"value\", \"unit\"}");
  const std::string given = excerpt(j.dump(), 80);
  return Error::bad_input(std::string(field), fmt::format("{}: got {}, expected {}", field, given, want));
}

}  // namespace mlsysim
