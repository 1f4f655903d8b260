#include "mlsysim/registry/registry.hpp"

#include <cstdlib>
#include <algorithm>
#include <cctype>
#include <exception>
#include <set>

#include <fmt/format.h>

#include "mlsysim/framework/file_trust.hpp"
#include "mlsysim/framework/suggest.hpp"

#include "mlsysim/registry/known_contracts.hpp"
#include "plugin_library.hpp"

namespace mlsysim {

// Collects what one plugin registers; committed only if the whole plugin is
// acceptable, so a rejected plugin leaves no trace but its report.
class StagingRegistrar : public PluginRegistrar {
 public:
  StagingRegistrar(std::shared_ptr<PluginLibrary> library, PluginReport& report)
      : library_(std::move(library)), report_(report) {}

  // The library stays resident (PluginLibrary), so these objects may
  // outlive the registry safely.
  void add_solver(std::unique_ptr<Solver> solver) override {
    if (solver) solvers_.push_back(std::move(solver));
  }
  void add_hardware_provider(std::shared_ptr<HardwareProvider> provider) override {
    if (provider) hardware_.push_back(std::move(provider));
  }
  void add_model_provider(std::shared_ptr<ModelProvider> provider) override {
    if (provider) models_.push_back(std::move(provider));
  }
  void add_spec_provider(std::shared_ptr<SpecProvider> provider) override {
    if (provider) specs_.push_back(std::move(provider));
  }
  void report(std::string diagnostic) override {
    report_.diagnostics.push_back(std::move(diagnostic));
  }
  const std::filesystem::path& library_path() const override { return library_->path(); }

  // Checks names and contracts against what is registered, then moves
  // everything in.
  Status commit(Registry& registry) {
    std::set<std::string> own;
    for (const auto& s : solvers_) {
      if (Status st = registry.check_new_solver(s->info(), library_->path()); !st.ok()) return st;
      if (!own.insert(s->info().full_name()).second)
        return Error::plugin(fmt::format("registers solver '{}' twice", s->info().full_name()));
    }
    for (auto& s : solvers_) {
      report_.solvers.push_back(s->info().full_name());
      registry.add_implementation(SolverHandle(std::move(s), library_->path()));
    }
    for (auto& h : hardware_) {
      report_.hardware_providers.emplace_back(h->name());
      registry.hardware_providers_.push_back(std::move(h));
    }
    for (auto& m : models_) {
      report_.model_providers.emplace_back(m->name());
      registry.model_providers_.push_back(std::move(m));
    }
    for (auto& p : specs_) {
      report_.spec_providers.emplace_back(p->name());
      registry.spec_providers_.push_back(std::move(p));
    }
    return {};
  }

 private:
  std::shared_ptr<PluginLibrary> library_;
  PluginReport& report_;
  std::vector<std::shared_ptr<const Solver>> solvers_;
  std::vector<std::shared_ptr<const HardwareProvider>> hardware_;
  std::vector<std::shared_ptr<const ModelProvider>> models_;
  std::vector<std::shared_ptr<const SpecProvider>> specs_;
};

Registry::Registry() = default;

Registry::~Registry() = default;

namespace {

// Anyone may drop a library into a world-writable directory (or overwrite a
// world-writable file); such plugins are refused unless the user says so
// (framework/file_trust.hpp).
bool world_writable(const std::filesystem::path& p) {
  std::error_code ec;
  const auto perms = std::filesystem::status(p, ec).permissions();
  return !ec && (perms & std::filesystem::perms::others_write) != std::filesystem::perms::none;
}

}  // namespace

void Registry::load_directories(const std::vector<std::filesystem::path>& given) {
  std::error_code ec;
  for (std::filesystem::path dir : given) {
    if (dir.is_relative()) {  // pinned now: a later change of directory must not change it
      const std::filesystem::path absolute = std::filesystem::absolute(dir, ec);
      notices_.push_back(fmt::format("relative plugin directory '{}' taken as '{}'", dir.string(), absolute.string()));
      dir = absolute;
    }
    if (!std::filesystem::is_directory(dir, ec)) continue;
    if (world_writable(dir) && !untrusted_files_allowed()) {
      PluginReport& r = reports_.emplace_back();
      r.path = dir;
      r.reason = "the directory is world-writable, so its plugins were not loaded "
                 "(set MLSYSIM_ALLOW_WRITABLE_PLUGINS=1 to load them anyway)";
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.is_regular_file(ec) && entry.path().extension() == ".so")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_file(f);
  }
}

const PluginReport& Registry::load_file(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(file, ec);
  if (ec) canonical = file;
  for (const PluginReport& r : reports_)
    if (r.path == canonical) return r;  // same file reached twice through the search path

  PluginReport& report = reports_.emplace_back();
  report.path = canonical;
  if (!untrusted_files_allowed())
    if (std::optional<std::string> why = untrusted_reason(file)) {
      report.reason = *why + ", so it was not loaded (set MLSYSIM_ALLOW_WRITABLE_PLUGINS=1 to load it anyway)";
      return report;
    }
  Result<std::shared_ptr<PluginLibrary>> library = PluginLibrary::open(canonical, report);
  if (!library.ok()) {
    report.reason = library.error().message;
    return report;
  }
  StagingRegistrar staging(*library, report);
  if (Status s = (*library)->register_into(staging); !s.ok()) {
    report.reason = s.error().message;
    report.diagnostics.clear();
    return report;
  }
  if (Status s = staging.commit(*this); !s.ok()) {
    report.reason = s.error().message;
    return report;
  }
  report.loaded = true;
  return report;
}

namespace {
bool plain_name(const std::string& s) {
  if (s.empty() || s.size() > 64 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_') || static_cast<unsigned char>(c) >= 0x80)
      return false;
  return true;
}
// The name as it may be shown: bytes outside printable ASCII as \xNN.
std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : fmt::format("\\x{:02x}", c);
  return out;
}
}  // namespace

Status Registry::check_new_solver(const SolverInfo& info, const std::filesystem::path& origin) const {
  if (info.contract_name().empty()) return Error::plugin("registers a solver with an empty contract name");
  if (info.variant.empty())
    return Error::plugin(fmt::format("registers a solver of contract '{}' without a variant name",
                                     info.contract_name()));
  // Names are typed on command lines and read in tables: an ASCII letter,
  // then letters, digits and '_' (no spaces, dots, ':' or invisible characters).
  for (const std::string* name : {&info.contract_name(), &info.variant})
    if (!plain_name(*name))
      return Error::plugin(fmt::format("solver '{}': '{}' is not a name (an ASCII letter, then letters, digits "
                                       "or '_', at most 64 characters)",
                                       printable(info.full_name()), printable(*name)));
  const std::string full = info.full_name();
  if (auto it = solvers_.find(full); it != solvers_.end())
    return Error::plugin(fmt::format("solver '{}' is already registered by {}; refusing {}", full,
                                     it->second.library().string(),
                                     origin.string()));
  // The ports must be the contract's: the kernel's own, or those of the
  // first implementation of a contract a plugin brought.
  std::string difference;
  const SolverHandle* first = nullptr;
  if (auto it = contracts_.find(info.contract_name()); it != contracts_.end())
    first = it->second.variants.front();
  if (const Contract* known = find_known_contract(info.contract_name())) {
    difference = contract_difference(known->info(), info.contract());
  } else if (first != nullptr) {
    difference = contract_difference(first->info().contract(), info.contract());
    if (!difference.empty()) difference += " (as registered by " + first->library().string() + ")";
  }
  if (!difference.empty())
    return Error::plugin(fmt::format("solver '{}': {}", full, difference));
  return {};
}

Status Registry::add_solver(std::shared_ptr<const Solver> solver, const std::filesystem::path& origin) {
  if (!solver) return Error::bad_input("solver", "no solver given");
  if (Status s = check_new_solver(solver->info(), origin); !s.ok()) return s;
  add_implementation(SolverHandle(std::move(solver), origin));
  return {};
}

void Registry::add_implementation(SolverHandle handle) {
  std::string full = handle.full_name();
  auto it = solvers_.emplace(std::move(full), std::move(handle)).first;
  const SolverHandle* added = &it->second;
  const SolverInfo& info = added->info();
  solver_index_.emplace_back(it->first, added);

  auto [entry_it, is_new] = contracts_.try_emplace(info.contract_name());
  ContractEntry& entry = entry_it->second;
  if (is_new) {
    entry.name = info.contract_name();
    entry.version = info.contract_version();
    entry.summary = info.summary();
  }
  entry.variants.push_back(added);
  // The plain name: the "reference" variant, else the first loaded.
  const bool takes_plain_name = entry.default_variant == nullptr ||
                                (info.variant == "reference" &&
                                 entry.default_variant->info().variant != "reference");
  if (!takes_plain_name) return;
  entry.default_variant = added;
  for (auto& [key, target] : solver_index_) {
    if (key == entry.name) {
      target = added;
      return;
    }
  }
  solver_index_.emplace_back(entry.name, added);
}

const SolverHandle* Registry::find_solver(std::string_view name) const {
  for (const auto& [key, handle] : solver_index_)
    if (key == name) return handle;  // compares lengths first
  return nullptr;
}

std::vector<std::string> Registry::solver_names() const {
  std::vector<std::string> names;
  for (const auto& [name, handle] : solvers_) names.push_back(name);
  return names;
}

Error Registry::unknown_solver(std::string_view name) const {
  const std::size_t colon = name.find(':');
  if (colon != std::string_view::npos) {
    if (auto it = contracts_.find(name.substr(0, colon)); it != contracts_.end()) {
      std::string variants;
      for (const SolverHandle* v : it->second.variants)
        variants += (variants.empty() ? "" : ", ") + v->info().variant;
      std::vector<std::string> names;
      for (const SolverHandle* v : it->second.variants) names.push_back(v->info().variant);
      return Error::unknown_name(
          "solver", fmt::format("contract '{}' has no variant '{}'{} (loaded variants: {})", it->first,
                                name.substr(colon + 1), did_you_mean(name.substr(colon + 1), names), variants));
    }
  }
  std::string known;
  for (const auto& [solver, h] : solvers_) known += (known.empty() ? "" : ", ") + solver;
  std::vector<std::string> names;
  for (const auto& [solver, h] : solvers_) names.push_back(solver);
  for (const auto& [contract, entry] : contracts_) names.push_back(contract);
  return Error::unknown_name("solver", fmt::format("no solver named '{}'{} (loaded: {})", name,
                                                   did_you_mean(name, names), known.empty() ? "none" : known));
}

Status Registry::solve(std::string_view solver, const Record& inputs, Record& outputs,
                       Context& ctx) const {
  const SolverHandle* handle = find_solver(solver);
  if (handle == nullptr) return unknown_solver(solver);
  return handle->solve(inputs, outputs, ctx);
}

Result<Record> Registry::solve(std::string_view solver, const Record& inputs, Context& ctx) const {
  const SolverHandle* handle = find_solver(solver);
  if (handle == nullptr) return unknown_solver(solver);
  return handle->solve(inputs, ctx);
}

namespace {

// An exact id or alias first; then one that differs only in case, if just
// one does; else an unknown_name error with the nearest names.
template <class Ref, class Find, class All>
Result<Ref> find_spec(const Find& find, std::string_view id, const All& all, std::string_view what,
                      std::string_view listing) {
  if (Ref r = find(id)) return r;
  std::vector<std::string> names;
  for (const Ref& r : all()) {
    names.push_back(r->id);
    names.insert(names.end(), r->aliases.begin(), r->aliases.end());
  }
  if (std::optional<std::string> match = unique_case_insensitive(id, names))
    if (Ref r = find(*match)) return r;
  return Error::unknown_name(std::string(what), fmt::format("unknown {} '{}'{} (see `mlsysim zoo {}`)", what, id,
                                                            did_you_mean(id, names), listing));
}

template <class Ref, class Providers>
auto first_provider(const Providers& providers) {
  return [&providers](std::string_view id) -> Ref {
    for (const auto& p : providers)
      if (Ref r = p->find(id)) return r;
    return nullptr;
  };
}

}  // namespace

Result<HardwareRef> Registry::hardware(std::string_view id) const {
  return find_spec<HardwareRef>(first_provider<HardwareRef>(hardware_providers_), id,
                                [this] { return all_hardware(); }, "hardware", "hardware");
}

Result<ModelRef> Registry::model(std::string_view id) const {
  return find_spec<ModelRef>(first_provider<ModelRef>(model_providers_), id, [this] { return all_models(); },
                             "model", "models");
}

std::vector<HardwareRef> Registry::all_hardware() const {
  std::vector<HardwareRef> all;
  std::set<std::string> seen;
  for (const auto& p : hardware_providers_)
    for (HardwareRef h : p->list())
      if (seen.insert(h->id).second) all.push_back(std::move(h));
  return all;
}

std::vector<ModelRef> Registry::all_models() const {
  std::vector<ModelRef> all;
  std::set<std::string> seen;
  for (const auto& p : model_providers_)
    for (ModelRef m : p->list())
      if (seen.insert(m->id).second) all.push_back(std::move(m));
  return all;
}

Result<SpecRef> Registry::spec(const SpecKind& kind, std::string_view id) const {
  // MLSys·im's path forms name the same entries: "Systems.Clusters.Research_256".
  for (std::string_view root : kind.mlsysim_paths())
    if (id.size() > root.size() && id.substr(0, root.size()) == root && id[root.size()] == '.') {
      id.remove_prefix(root.size() + 1);
      break;
    }
  auto find = [&](std::string_view name) -> SpecRef {
    for (const auto& p : spec_providers_)
      if (SpecRef r = p->find(kind, name)) return r;
    return nullptr;
  };
  return find_spec<SpecRef>(find, id, [&] { return all_specs(kind); }, kind.name(), kind.plural());
}

std::vector<SpecRef> Registry::all_specs(const SpecKind& kind) const {
  std::vector<SpecRef> all;
  std::set<std::string> seen;
  for (const auto& p : spec_providers_)
    for (SpecRef s : p->list(kind))
      if (seen.insert(s->id).second) all.push_back(std::move(s));
  return all;
}

}  // namespace mlsysim
