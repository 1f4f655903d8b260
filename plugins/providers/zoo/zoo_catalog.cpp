#include "zoo_catalog.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/infra_spec.hpp"
#include "mlsysim/framework/scenario_spec.hpp"
#include "mlsysim/framework/spec_json.hpp"
#include "mlsysim/framework/text_file.hpp"

namespace mlsysim::zoo {
namespace {

// Whether `dir` is a directory that can be listed. A missing one is quietly
// absent when `optional` (a zoo directory need not hold every kind); any
// other failure (not a directory, no permission, a symlink loop, a name too
// long) is reported, and the directory contributes nothing.
bool listable(const std::filesystem::path& dir, bool optional, const ZooCatalog::Report& report) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(dir, ec);
  if (status.type() == std::filesystem::file_type::not_found) {  // (ec is set too: ENOENT)
    if (!optional) report(fmt::format("zoo directory {} not found; skipped", dir.string()));
    return false;
  }
  if (!ec && !std::filesystem::is_directory(status)) {
    report(fmt::format("zoo directory {} is not a directory; skipped", dir.string()));
    return false;
  }
  if (!ec) {
    std::filesystem::directory_iterator probe(dir, ec);  // opening it is the permission check
  }
  if (ec) report(fmt::format("zoo directory {} cannot be read: {}; skipped", dir.string(), ec.message()));
  return !ec;
}

// The .json files of `dir`, sorted; none if it cannot be listed (reported).
std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir, const ZooCatalog::Report& report) {
  std::vector<std::filesystem::path> files;
  if (!listable(dir, true, report)) return files;
  std::error_code ec;
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

// The file's JSON, or nullopt after reporting why not (bounded, regular files only).
std::optional<Json> read_zoo_file(const std::filesystem::path& file, const ZooCatalog::Report& report) {
  Result<std::string> text = read_text_file(file, "zoo file", 16 << 20);
  Result<Json> json = text.ok() ? parse_json(*text) : Result<Json>(text.error());
  if (json.ok()) return std::move(json).value();
  report(fmt::format("zoo file {}: {}; skipped", file.string(), json.error().message));
  return std::nullopt;
}

template <class Ref>
void add_or_override(std::vector<Ref>& into, Ref ref) {
  auto same = std::find_if(into.begin(), into.end(), [&](const auto& e) { return e->id == ref->id; });
  if (same != into.end()) *same = std::move(ref);  // a later directory overrides
  else into.push_back(std::move(ref));
}

void report_field_error(const std::filesystem::path& file, const Error& e, const ZooCatalog::Report& report) {
  report(fmt::format("zoo file {}: field '{}': {}; skipped", file.string(), e.field, e.message));
}

template <class Spec, class Parse>
void load_kind(const std::filesystem::path& dir, Parse parse,
               std::vector<std::shared_ptr<const Spec>>& into, const ZooCatalog::Report& report) {
  for (const auto& file : json_files(dir, report)) {
    std::optional<Json> json = read_zoo_file(file, report);
    if (!json) continue;
    Result<Spec> spec = parse(*json);
    if (!spec.ok()) {
      report_field_error(file, spec.error(), report);
      continue;
    }
    spec->provenance.file = file.string();
    add_or_override(into, std::make_shared<const Spec>(std::move(spec).value()));
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
  if (!listable(dir, false, report)) return;  // the other directories load all the same
  load_kind<HardwareSpec>(dir / "hardware", hardware_from_json, hardware_, report);
  load_kind<ModelSpec>(dir / "models", model_from_json, models_, report);
  // Referenced kinds before the kinds that name them.
  for (const SpecKind* kind : {&fabric_kind(), &grid_kind(), &datacenter_kind(), &node_kind(), &fleet_kind(),
                               &rack_kind(), &tier_kind(), &persona_kind(), &scenario_kind()}) {
    for (const auto& file : json_files(dir / kind->plural(), report)) {
      std::optional<Json> json = read_zoo_file(file, report);
      if (!json) continue;
      if (!json->is_object() || !json->contains("id")) {
        report_field_error(file, Error::bad_input("id", "id: is required"), report);
        continue;
      }
      Result<SpecRef> spec = kind->from_json(*json, *this);
      if (!spec.ok()) {
        report_field_error(file, spec.error(), report);
        continue;
      }
      std::const_pointer_cast<Spec>(*spec)->provenance.file = file.string();
      add_or_override(specs_[kind], std::move(spec).value());
    }
  }
}

const std::vector<SpecRef>& ZooCatalog::specs(const SpecKind& kind) const {
  static const std::vector<SpecRef> none;
  auto it = specs_.find(&kind);
  return it == specs_.end() ? none : it->second;
}

HardwareRef ZooCatalog::find_hardware(std::string_view name) const {
  return find_in(hardware_, name, "Hardware");
}

ModelRef ZooCatalog::find_model(std::string_view name) const {
  return find_in(models_, name, "Models");
}

SpecRef ZooCatalog::find_spec(const SpecKind& kind, std::string_view name) const {
  for (const SpecRef& s : specs(kind))
    if (s->id == name) return s;
  for (const SpecRef& s : specs(kind))
    if (std::find(s->aliases.begin(), s->aliases.end(), name) != s->aliases.end()) return s;
  return nullptr;
}

Result<HardwareRef> ZooCatalog::hardware(std::string_view id) const {
  if (HardwareRef h = find_hardware(id)) return h;
  return Error::unknown_name("hardware", fmt::format("unknown hardware '{}' in the zoo", id));
}

Result<ModelRef> ZooCatalog::model(std::string_view id) const {
  if (ModelRef m = find_model(id)) return m;
  return Error::unknown_name("model", fmt::format("unknown model '{}' in the zoo", id));
}

Result<SpecRef> ZooCatalog::spec(const SpecKind& kind, std::string_view id) const {
  if (SpecRef s = find_spec(kind, id)) return s;
  return Error::unknown_name(std::string(kind.name()), fmt::format("unknown {} '{}' in the zoo", kind.name(), id));
}

}  // namespace mlsysim::zoo
