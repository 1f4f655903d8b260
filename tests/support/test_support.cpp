#include "test_support.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "mlsysim/registry/parity.hpp"
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

std::string compare_with_expected(const Json& c, const Json& response,
                                  const std::set<std::string>& beyond_reference) {
  std::string diff;
  if (response["id"] != c["id"]) diff += fmt::format("  id {} != {}\n", response["id"].dump(), c["id"].dump());
  Result<ReferenceCase> reference = parse_reference_case(c);
  if (!reference.ok()) return diff + "  bad reference case: " + reference.error().message + "\n";
  const std::vector<std::string> extras(beyond_reference.begin(), beyond_reference.end());
  for (const std::string& d : compare_with_reference(*reference, response, extras).differences)
    diff += "  " + d + "\n";
  return diff;
}

Json run_request(const std::string& solver, const Json& inputs) {
  const Json request = {{"id", 1}, {"solver", solver}, {"inputs", inputs}};
  CliResult r = run_cli("run -", request.dump() + "\n");
  const std::vector<Json> lines = json_lines(r.out);
  EXPECT_EQ(lines.size(), 1u) << r.out << r.err;
  return lines.empty() ? Json() : lines.front();
}

double output_number(const Json& response, const std::string& output) {
  const Json& v = response["outputs"][output];
  return v.is_object() ? v["value"].get<double>() : v.get<double>();
}

void expect_refused(const std::string& solver, const Json& inputs, const std::string& field) {
  const Json r = run_request(solver, inputs);
  ASSERT_TRUE(r.contains("error")) << solver << " " << inputs.dump() << " answered " << r.dump();
  EXPECT_EQ(r["error"]["code"], "bad_input") << r.dump();
  EXPECT_EQ(r["error"]["field"], field) << r.dump();
}

}  // namespace mlsysim::testing
