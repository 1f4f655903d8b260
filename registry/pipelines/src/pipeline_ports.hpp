// What pipeline checking says about ports and values: how a port's type
// reads in a message, which outputs an input accepts, and a pipeline input
// as a number for expressions. Private to the registry.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {

inline std::string with_article(const std::string& noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + noun;
}

// "a time (s)", "an integer", "a hardware spec", "a fleet spec"
inline std::string describe_port(ValueKind kind, Dimension dimension, const SpecKind* spec_kind = nullptr) {
  if (spec_kind != nullptr) return with_article(fmt::format("{} spec", spec_kind->name()));
  if (kind == ValueKind::kQuantity)
    return with_article(fmt::format("{} ({})", dimension.description(), dimension.unit_symbol()));
  if (kind == ValueKind::kHardware || kind == ValueKind::kModel)
    return with_article(fmt::format("{} spec", to_string(kind)));
  return with_article(std::string(to_string(kind)));
}

inline bool accepts(const PortInfo& to, const PortInfo& from) {
  if (to.kind == ValueKind::kNumber && from.kind == ValueKind::kInteger) return true;
  return to.kind == from.kind && (to.kind != ValueKind::kQuantity || to.dimension == from.dimension) &&
         to.spec_kind == from.spec_kind;
}

inline std::string names_of(const std::vector<PortInfo>& ports) {
  std::string out;
  for (const PortInfo& p : ports) out += (out.empty() ? "" : ", ") + p.name.str();
  return out.empty() ? "none" : out;
}

// A pipeline input as a number for expressions: 256, "500 KB", {"value", "unit"}.
inline Result<Quantity> quantity_of(const std::string& name, const Json& json) {
  return quantity_from_json(json, std::nullopt, name);
}

}  // namespace mlsysim
