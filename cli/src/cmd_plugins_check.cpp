// `mlsysim plugins check [PATH...]`: the conformance test for plugin authors.
// With paths, those libraries are loaded next to the usual search path (so
// the zoo and the contracts they build on are there) and only they are
// checked; without, every loaded implementation is.
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/conformance.hpp"
#include "mlsysim/registry/search_path.hpp"

namespace mlsysim::cli {

namespace {

struct Finding {
  std::string subject;  // a solver's full name, or a library path
  std::string problem;
};

bool selected(const PluginReport& r, const std::vector<std::filesystem::path>& chosen) {
  if (chosen.empty()) return true;
  for (const auto& c : chosen)
    if (r.path == c || r.path.parent_path() == c) return true;
  return false;
}

}  // namespace

int check_plugins(Environment& env, const std::vector<std::string>& paths) {
  Registry registry;
  registry.load_directories(plugin_search_path(env.plugin_paths()));
  std::vector<std::filesystem::path> chosen;
  std::error_code ec;
  for (const std::string& p : paths) {
    std::filesystem::path path = std::filesystem::weakly_canonical(p, ec);
    if (ec || !std::filesystem::exists(path)) {
      return env.fail(Error::bad_input("path", fmt::format("no plugin file or directory '{}'", p)));
    }
    chosen.push_back(path);
    if (std::filesystem::is_directory(path)) registry.load_directories({path});
    else registry.load_file(path);
  }

  std::vector<Finding> findings;
  std::vector<std::pair<std::string, bool>> verdicts;  // implementation, kept every promise
  std::size_t checked = 0;
  for (const PluginReport& r : registry.reports()) {
    if (!selected(r, chosen)) continue;
    if (!r.loaded) {
      findings.push_back({r.path.string(), "rejected: " + r.reason});
      continue;
    }
    for (const std::string& solver : r.solvers) {
      ++checked;
      std::vector<std::string> problems = check_conformance(*registry.find_solver(solver), registry);
      verdicts.emplace_back(solver, problems.empty());
      for (std::string& problem : problems) findings.push_back({solver, std::move(problem)});
    }
  }

  if (env.json()) {
    Json list = Json::array();
    for (const Finding& f : findings) list.push_back({{"subject", f.subject}, {"problem", f.problem}});
    Json implementations = Json::array();
    for (const auto& [name, ok] : verdicts)
      implementations.push_back({{"implementation", name}, {"verdict", ok ? "ok" : "fail"}});
    fmt::print("{}\n", Json{{"checked", checked}, {"implementations", implementations}, {"findings", list}}.dump(2));
  } else {
    for (const auto& [name, ok] : verdicts) fmt::print("{:4} {}\n", ok ? "ok" : "FAIL", name);
    for (const Finding& f : findings) fmt::print("FAIL {}: {}\n", f.subject, f.problem);
    fmt::print("{} implementation(s) checked, {} broken promise(s)\n", checked, findings.size());
  }
  if (!paths.empty() && checked == 0 && findings.empty()) {
    fmt::print(stderr, "mlsysim: no plugin implementation found to check in {}\n", fmt::join(paths, ", "));
    return kBadInput;
  }
  return findings.empty() ? kOk : kBadInput;
}

}  // namespace mlsysim::cli
