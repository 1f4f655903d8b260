#include "yaml_json.hpp"

#include <charconv>
#include <cstdint>
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace mlsysim::scenarios {
namespace {

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b >> 6) != 0x2) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kLeast[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

constexpr int kMaxDepth = 64;
// Aliases let a small file name a huge tree ("billion laughs"): count what is converted.
constexpr std::size_t kMaxNodes = 100'000;

Json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::int64_t i = 0;
  if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i); ec == std::errc{} && p == s.data() + s.size())
    return i;
  double d = 0;
  if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
      ec == std::errc{} && p == s.data() + s.size() && std::isfinite(d))
    return d;
  return s;
}

Result<Json> convert(const YAML::Node& node, int depth, std::size_t& nodes) {
  if (depth > kMaxDepth) return Error::bad_input("plan", fmt::format("nested deeper than {} levels", kMaxDepth));
  if (++nodes > kMaxNodes)
    return Error::bad_input("plan", fmt::format("more than {} values (aliases repeated too often?)", kMaxNodes));
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return Json();
    case YAML::NodeType::Scalar:
      // A double-quoted "\xff" is a byte, not text: every value must be UTF-8 as well.
      if (!valid_utf8(node.Scalar())) return Error::bad_input("plan", "plan: a value that is not UTF-8 text");
      return node.Tag() == "!" ? Json(node.Scalar()) : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      Json list = Json::array();
      for (const YAML::Node& item : node) {
        Result<Json> j = convert(item, depth + 1, nodes);
        if (!j.ok()) return j;
        list.push_back(std::move(*j));
      }
      return list;
    }
    case YAML::NodeType::Map: {
      Json object = Json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar() || !valid_utf8(kv.first.Scalar()))
          return Error::bad_input("plan", "plan: a key that is not a plain word");
        Result<Json> j = convert(kv.second, depth + 1, nodes);
        if (!j.ok()) return j;
        object[kv.first.Scalar()] = std::move(*j);
      }
      return object;
    }
  }
  return Json();
}

}  // namespace

Result<Json> yaml_to_json(std::string_view text, std::string_view field) {
  if (!valid_utf8(text))
    return Error::bad_input(std::string(field), fmt::format("{}: not UTF-8 text", field));
  try {
    std::size_t nodes = 0;
    return convert(YAML::Load(std::string(text)), 0, nodes);
  } catch (const YAML::Exception& e) {
    return Error::bad_input(std::string(field), fmt::format("{}: not YAML: {} (line {}, column {})", field, e.msg,
                                                            e.mark.line + 1, e.mark.column + 1));
  }
}

}  // namespace mlsysim::scenarios
