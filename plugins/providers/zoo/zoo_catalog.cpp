#include "zoo_catalog.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/spec_json.hpp"

namespace mlsysim::zoo {
namespace {

// The .json files of `dir`; a directory that cannot be listed is reported
// and contributes nothing (the rest of the zoo stays).
std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir, const ZooCatalog::Report& report) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return files;
  std::filesystem::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code kind;
    if (it->is_regular_file(kind) && it->path().extension() == ".json") files.push_back(it->path());
  }
  if (ec) {
    report(fmt::format("zoo directory {}: {}; skipped", dir.string(), ec.message()));
    return {};
  }
  std::sort(files.begin(), files.end());
  return files;
}

template <class Spec, class Parse>
void load_kind(const std::filesystem::path& dir, Parse parse,
               std::vector<std::shared_ptr<const Spec>>& into, const ZooCatalog::Report& report) {
  for (const auto& file : json_files(dir, report)) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    Result<Json> json = parse_json(text.str());
    if (!json.ok()) {
      report(fmt::format("zoo file {}: {}; skipped", file.string(), json.error().message));
      continue;
    }
    Result<Spec> spec = parse(*json);
    if (!spec.ok()) {
      report(fmt::format("zoo file {}: field '{}': {}; skipped", file.string(),
                         spec.error().field, spec.error().message));
      continue;
    }
    spec->provenance.file = file.string();
    auto ref = std::make_shared<const Spec>(std::move(spec).value());
    auto same = std::find_if(into.begin(), into.end(), [&](const auto& e) { return e->id == ref->id; });
    if (same != into.end()) *same = ref;  // a later directory overrides
    else into.push_back(ref);
  }
}

// "Hardware.Cloud.A100" -> ("Cloud", "A100"); "A100" -> ("", "A100").
std::pair<std::string_view, std::string_view> split_path(std::string_view name,
                                                         std::string_view root) {
  if (name.size() > root.size() && name.substr(0, root.size()) == root &&
      name[root.size()] == '.')
    name.remove_prefix(root.size() + 1);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {{}, name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

template <class Ref>
Ref find_in(const std::vector<Ref>& entries, std::string_view name, std::string_view root) {
  auto [category, key] = split_path(name, root);
  for (const Ref& e : entries) {
    if (!category.empty() && e->category != category) continue;
    if (e->id == key) return e;
  }
  for (const Ref& e : entries) {
    if (std::find(e->aliases.begin(), e->aliases.end(), key) != e->aliases.end()) return e;
  }
  return nullptr;
}

}  // namespace

void ZooCatalog::load_directory(const std::filesystem::path& dir, const Report& report) {
  load_kind<HardwareSpec>(dir / "hardware", hardware_from_json, hardware_, report);
  load_kind<ModelSpec>(dir / "models", model_from_json, models_, report);
}

HardwareRef ZooCatalog::find_hardware(std::string_view name) const {
  return find_in(hardware_, name, "Hardware");
}

ModelRef ZooCatalog::find_model(std::string_view name) const {
  return find_in(models_, name, "Models");
}

}  // namespace mlsysim::zoo
