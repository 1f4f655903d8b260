#include "plugin_library.hpp"

#include <dlfcn.h>

#include <cstring>
#include <map>
#include <mutex>
#include <vector>
#include <string>

#include <fmt/format.h>

#include "mlsysim/sdk/fingerprint.hpp"
#include "plugin_file.hpp"

namespace mlsysim {
namespace {

std::map<std::string, std::string, std::less<>> fields_of(std::string_view fingerprint) {
  std::map<std::string, std::string, std::less<>> out;
  while (!fingerprint.empty()) {
    std::size_t end = fingerprint.find(';');
    std::string_view item = fingerprint.substr(0, end);
    std::size_t eq = item.find('=');
    if (eq != std::string_view::npos) out[std::string(item.substr(0, eq))] = item.substr(eq + 1);
    if (end == std::string_view::npos) break;
    fingerprint.remove_prefix(end + 1);
  }
  return out;
}

// Accepted libraries are never unloaded: specs, solvers and strings a plugin
// created may outlive every registry (a HardwareRef kept by a caller), and
// their destructors live in the plugin's code.
void keep_resident(std::shared_ptr<PluginLibrary> library) {
  static std::mutex mutex;
  static auto* resident = new std::vector<std::shared_ptr<PluginLibrary>>();  // never freed
  std::lock_guard<std::mutex> lock(mutex);
  resident->push_back(std::move(library));
}

}  // namespace

std::string fingerprint_difference(std::string_view plugin, std::string_view host) {
  if (plugin == host) return {};
  auto p = fields_of(plugin);
  auto h = fields_of(host);
  std::string out;
  for (const auto& [key, value] : h) {
    auto it = p.find(key);
    std::string theirs = it == p.end() ? "(missing)" : it->second;
    if (theirs != value)
      out += fmt::format("{}{} differs: plugin built with {}, mlsysim with {}",
                         out.empty() ? "" : "; ", key, theirs, value);
  }
  for (const auto& [key, value] : p)
    if (!h.count(key)) out += fmt::format("{}unexpected field {}={}", out.empty() ? "" : "; ", key, value);
  return out.empty() ? fmt::format("fingerprint '{}' differs from '{}'", plugin, host) : out;
}

Result<std::shared_ptr<PluginLibrary>> PluginLibrary::open(const std::filesystem::path& path,
                                                           PluginReport& report) {
  // From the file on disk first: nothing of it runs unless these pass.
  Result<PluginNote> note = inspect_plugin_file(path);
  if (!note.ok()) return note.error();
  if (note->abi != MLSYSIM_PLUGIN_ABI_TEXT)
    return Error::plugin(fmt::format("plugin ABI version {} is not supported (mlsysim speaks {})", note->abi,
                                     MLSYSIM_PLUGIN_ABI_VERSION));
  if (std::string diff = fingerprint_difference(note->fingerprint, MLSYSIM_BUILD_FINGERPRINT); !diff.empty())
    return Error::plugin("built incompatibly: " + diff);
  boost::dll::shared_library lib;
  boost::dll::fs::error_code ec;
  // Local binding: two plugins may define the same internal symbols.
  lib.load(boost::dll::fs::path(path.string()), ec, boost::dll::load_mode::rtld_local |
                                                     boost::dll::load_mode::rtld_now);
  if (ec) {
    std::string detail = ec.message();
    if (const char* dl = ::dlerror()) detail = dl;
    return Error::plugin(fmt::format("cannot load as a shared library: {}", detail));
  }
  if (!lib.has(MLSYSIM_PLUGIN_ENTRY_NAME))
    return Error::plugin(fmt::format("not an mlsysim plugin: no entry symbol '{}'",
                                     MLSYSIM_PLUGIN_ENTRY_NAME));
  auto entry = lib.get<const mlsysim_plugin_descriptor*()>(MLSYSIM_PLUGIN_ENTRY_NAME);
  const mlsysim_plugin_descriptor* d = entry();
  if (d == nullptr) return Error::plugin("entry point returned no descriptor");
  if (d->abi_version != MLSYSIM_PLUGIN_ABI_VERSION)
    return Error::plugin(fmt::format("plugin ABI version {} is not supported (mlsysim speaks {})",
                                     d->abi_version, MLSYSIM_PLUGIN_ABI_VERSION));
  report.name = d->name ? d->name : "";
  report.version = d->version ? d->version : "";
  std::string_view fp = d->fingerprint ? d->fingerprint : "";
  if (std::string diff = fingerprint_difference(fp, MLSYSIM_BUILD_FINGERPRINT); !diff.empty())
    return Error::plugin("built incompatibly: " + diff);
  if (d->register_fn == nullptr) return Error::plugin("descriptor has no register function");
  auto library = std::shared_ptr<PluginLibrary>(new PluginLibrary(std::move(lib), d, path));
  keep_resident(library);
  return library;
}

Status PluginLibrary::register_into(PluginRegistrar& registrar) const {
  char message[1024] = {0};
  int rc = descriptor_->register_fn(&registrar, message, sizeof message);
  if (rc == 0) return {};
  return Error::plugin(fmt::format("register function failed: {}",
                                   message[0] ? message : "(no reason given)"));
}

}  // namespace mlsysim
