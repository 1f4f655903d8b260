#include "environment.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "human.hpp"
#include "terminal_text.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/search_path.hpp"

namespace mlsysim::cli {

const Registry& Environment::registry() {
  if (registry_) return *registry_;
  registry_ = std::make_unique<Registry>();
  std::vector<std::filesystem::path> dirs(options_.plugin_paths.begin(),
                                          options_.plugin_paths.end());
  registry_->load_directories(plugin_search_path(dirs));
  if (!options_.quiet) {
    for (const std::string& notice : registry_->notices()) warn(notice);
    for (const PluginReport& r : registry_->reports()) {
      if (!r.loaded) warn(fmt::format("skipped plugin {}: {}", r.path.string(), r.reason));
      for (const std::string& d : r.diagnostics) warn(d);
    }
  }
  return *registry_;
}

std::vector<std::string> Environment::columns() const {
  std::vector<std::string> out;
  std::string_view rest = options_.columns;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    if (comma != 0) out.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

int exit_code_for(const Error& error) {
  return error.code == ErrorCode::kInfeasible ? kInfeasible : kBadInput;
}

int Environment::fail(const Error& error) const {
  fmt::print(stderr, "mlsysim: error: {}\n", describe(error));
  if (json()) {  // a reader of -o json gets the error as JSON too, as MLSys·im gives it
    std::string text = "{\"error\":";
    append_json(text, error);
    fmt::print("{}}}\n", text);
  }
  return exit_code_for(error);
}

void Environment::warn(const std::string& message) const { std::fputs(remark_line("warning", message).c_str(), stderr); }

void Environment::note(const std::string& message) const { std::fputs(remark_line("note", message).c_str(), stderr); }

}  // namespace mlsysim::cli
