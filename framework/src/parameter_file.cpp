#include "mlsysim/framework/parameter_file.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/file_trust.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/text_file.hpp"

namespace mlsysim {
namespace {

Error bad(const std::filesystem::path& file, const std::string& field, const std::string& message) {
  return Error::bad_input(field, fmt::format("{}: {}: {}", file.string(), field, message));
}

}  // namespace

Result<ParameterFile> read_parameter_file(const std::filesystem::path& file) {
  // A regular file (not a FIFO that would block, not /dev/zero) of a sane
  // size, read by the one bounded reader; then checked like a plugin: no
  // other user can have planted or changed it.
  Result<std::string> text = read_text_file(file, "parameter file", kMaxParameterFileBytes);
  if (!text.ok()) return Error::bad_input("parameters", text.error().message);
  if (!untrusted_files_allowed())
    if (std::optional<std::string> why = untrusted_reason(file))
      return Error::bad_input("parameters", fmt::format("parameter file '{}' is not trusted: {} (set "
                                                        "MLSYSIM_ALLOW_WRITABLE_PLUGINS=1 to use it anyway)",
                                                        file.string(), *why));
  Result<Json> parsed = parse_json(*text);
  if (!parsed.ok() || !parsed->is_object())
    return bad(file, "file", parsed.ok() ? "not a JSON object" : parsed.error().message);
  const Json& j = *parsed;
  ParameterFile out;
  out.path = file;
  if (j.contains("variant") && j["variant"].is_string()) out.variant = j["variant"].get<std::string>();
  if (!j.contains("parameters") || !j["parameters"].is_object())
    return bad(file, "parameters", "expected an object of name: number");
  for (const auto& [name, value] : j["parameters"].items()) {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      return bad(file, "parameters." + name, fmt::format("expected a finite number, got {}", value.dump()));
    out.values.emplace_back(name, value.get<double>());
  }
  if (j.contains("tables")) {
    if (!j["tables"].is_object()) return bad(file, "tables", "expected an object of name: {key: number}");
    for (const auto& [name, table] : j["tables"].items()) {
      NumberTable t;
      if (!table.is_object()) return bad(file, "tables." + name, "expected an object of key: number");
      for (const auto& [key, number] : table.items()) {
        if (key == "provenance") continue;  // the table's own source note
        if (!number.is_number() || !std::isfinite(number.get<double>()))
          return bad(file, "tables." + name + "." + key, "expected a finite number");
        t.emplace_back(key, number.get<double>());
      }
      out.tables.emplace_back(name, std::move(t));
    }
  }
  return out;
}

}  // namespace mlsysim
