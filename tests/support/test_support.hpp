// Shared test helpers: a registry loaded the way `mlsysim` loads it, running
// the real CLI, reading reference cases and comparing them field by field.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::testing {

// The in-tree plugins, found relative to the test binary like the CLI does.
const Registry& default_registry();

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs `mlsysim <args>` (args are passed through a shell: quote as needed).
CliResult run_cli(const std::string& args, const std::string& stdin_text = "",
                  const std::string& env = "");

std::vector<Json> read_cases(const std::filesystem::path& file);
// Each line of `text` parsed as JSON (batch responses).
std::vector<Json> json_lines(const std::string& text);
// The request line for a reference case (its "expected" removed).
std::string request_of(const Json& reference_case);

// Empty if `response` matches the case's expected outputs (1e-9 relative,
// exact for 0, inf, strings, bools, nulls) or expected error; else a list of
// differences for the failure message. An output MLSys·im does not have is a
// difference unless it is one of `beyond_reference` (a solver's own extras).
std::string compare_with_expected(const Json& reference_case, const Json& response,
                                  const std::set<std::string>& beyond_reference = {});

std::filesystem::path make_temp_dir(const std::string& tag);

// One request through `mlsysim run`: the response object (a test failure
// unless exactly one comes back).
Json run_request(const std::string& solver, const Json& inputs);
// A numeric output of a response: a plain number or a quantity's base value.
double output_number(const Json& response, const std::string& output);
// The request is refused with a bad_input error naming `field`.
void expect_refused(const std::string& solver, const Json& inputs, const std::string& field);

}  // namespace mlsysim::testing
