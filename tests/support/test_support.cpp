#include "test_support.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <sys/wait.h>

#include "mlsysim/registry/search_path.hpp"

namespace mlsysim::testing {

const Registry& default_registry() {
  static Registry* registry = [] {
    auto* r = new Registry();
    r->load_directories({installed_plugin_dir()});
    return r;
  }();
  return *registry;
}

std::filesystem::path make_temp_dir(const std::string& tag) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             fmt::format("mlsysim-{}-{:08x}", tag, rd());
  std::filesystem::create_directories(dir);
  return dir;
}

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

CliResult run_cli(const std::string& args, const std::string& stdin_text, const std::string& env) {
  auto dir = make_temp_dir("cli");
  std::ofstream(dir / "in") << stdin_text;
  std::string cmd = fmt::format("env MLSYSIM_PLUGIN_PATH= MLSYSIM_ZOO_PATH= {} '{}' {} < '{}' > '{}' 2> '{}'",
                                env, MLSYSIM_CLI, args, (dir / "in").string(),
                                (dir / "out").string(), (dir / "err").string());
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

std::vector<Json> read_cases(const std::filesystem::path& file) {
  std::vector<Json> cases;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) cases.push_back(Json::parse(line));
  return cases;
}

std::vector<Json> json_lines(const std::string& text) {
  std::istringstream lines(text);
  std::vector<Json> out;
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

std::string request_of(const Json& c) {
  Json inputs = c["inputs"];
  // Case metadata, not an input: the grid names TPUv4 as an alias of TPUv5p.
  inputs.erase("hardware_alias_of");
  return Json{{"id", c["id"]}, {"solver", c["solver"]}, {"inputs", inputs}}.dump();
}

namespace {

std::string expected_code(const std::string& python_type) {
  if (python_type == "OOMError") return "infeasible";
  return "bad_input";  // ValueError, ZeroDivisionError, DimensionalityError, AttributeError
}

double as_number(const Json& j) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    if (s == "nan") return NAN;
  }
  return j.get<double>();
}

bool is_numeric(const Json& j) {
  return (j.is_number()) ||
         (j.is_string() && (j == "inf" || j == "-inf" || j == "nan"));
}

void compare_value(const std::string& path, const Json& want, const Json& got, std::string& diff) {
  if (want.is_object() && want.contains("value") && want.contains("unit")) {
    if (!got.is_object() || !got.contains("value") || !got.contains("unit")) {
      diff += fmt::format("  {}: expected a quantity, got {}\n", path, got.dump());
      return;
    }
    if (want["unit"] != got["unit"])
      diff += fmt::format("  {}: unit {} != expected {}\n", path, got["unit"].dump(), want["unit"].dump());
    compare_value(path, want["value"], got["value"], diff);
    return;
  }
  if (want.is_object()) {
    for (const auto& [k, v] : want.items()) {
      if (!got.is_object() || !got.contains(k)) diff += fmt::format("  {}.{}: missing\n", path, k);
      else compare_value(path + "." + k, v, got[k], diff);
    }
    return;
  }
  if (is_numeric(want) && !want.is_boolean()) {
    if (!is_numeric(got) || got.is_boolean()) {
      diff += fmt::format("  {}: expected {}, got {}\n", path, want.dump(), got.dump());
      return;
    }
    double w = as_number(want), g = as_number(got);
    bool ok = std::isnan(w) ? std::isnan(g)
              : (w == 0 || std::isinf(w)) ? g == w
                                           : std::fabs(g - w) <= 1e-9 * std::fabs(w);
    if (!ok) diff += fmt::format("  {}: {} != expected {} (rel {:.3g})\n", path, g, w,
                                 std::fabs(g - w) / std::fabs(w));
    return;
  }
  if (want != got) diff += fmt::format("  {}: {} != expected {}\n", path, got.dump(), want.dump());
}

}  // namespace

std::string compare_with_expected(const Json& c, const Json& response,
                                  const std::set<std::string>& beyond_reference) {
  std::string diff;
  if (response["id"] != c["id"]) diff += fmt::format("  id {} != {}\n", response["id"].dump(), c["id"].dump());
  const Json& expected = c["expected"];
  if (expected.contains("error")) {
    if (!response.contains("error")) return diff + "  expected an error, got outputs\n";
    std::string want = expected_code(expected["error"]["type"].get<std::string>());
    if (response["error"]["code"] != want)
      diff += fmt::format("  error code {} != expected {}\n", response["error"]["code"].dump(), want);
    if (response["error"].value("field", "").empty())
      diff += fmt::format("  error names no field: {}\n", response["error"].dump());
    return diff;
  }
  if (!response.contains("outputs"))
    return diff + fmt::format("  expected outputs, got {}\n", response.dump());
  // Warnings are part of parity by count (their wording is ours, physics.md).
  const Json* warnings = expected.contains("warnings") ? &expected["warnings"]
                         : c.contains("warnings")      ? &c["warnings"]
                                                       : nullptr;
  if (warnings != nullptr) {
    const std::size_t got = response.contains("warnings") ? response["warnings"].size() : 0;
    if (got != warnings->size())
      diff += fmt::format("  {} warnings, expected {}\n", got, warnings->size());
  }
  const Json& want = expected["outputs"];
  const Json& got = response["outputs"];
  for (const auto& [k, v] : want.items()) {
    if (!got.contains(k)) diff += fmt::format("  {}: missing\n", k);
    else compare_value(k, v, got[k], diff);
  }
  for (const auto& [k, v] : got.items())
    if (!want.contains(k) && !beyond_reference.contains(k)) diff += fmt::format("  {}: not an output of MLSys·im\n", k);
  return diff;
}

}  // namespace mlsysim::testing
