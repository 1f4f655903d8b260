// What every subcommand shares: global options, the loaded registry, and
// how results leave the process (table or JSON on stdout, diagnostics on
// stderr, exit codes 0 ok / 1 bad input / 2 infeasible / 3 constraint).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

enum ExitCode : int { kOk = 0, kBadInput = 1, kInfeasible = 2, kConstraintViolated = 3 };

struct GlobalOptions {
  std::vector<std::string> plugin_paths;
  std::string output = "table";  // or "json", "csv"
  bool quiet = false;            // no plugin diagnostics or progress lines on stderr
  std::string columns;           // --columns: columns or outputs to show, comma-separated
};

class Environment {
 public:
  explicit Environment(const GlobalOptions& options) : options_(options) {}

  // Loads plugins on first use; reports rejected plugins on stderr.
  const Registry& registry();
  bool json() const { return options_.output == "json"; }
  bool quiet() const { return options_.quiet; }
  // The global --columns list (empty: everything).
  std::vector<std::string> columns() const;
  // "table", "json" or "csv" (csv only where a command supports it).
  const std::string& output() const { return options_.output; }
  // The --plugin-path directories, searched before the others.
  std::vector<std::filesystem::path> plugin_paths() const {
    return {options_.plugin_paths.begin(), options_.plugin_paths.end()};
  }

  // Prints "mlsysim: error: ..." on stderr; returns the exit code for it.
  int fail(const Error& error) const;
  void warn(const std::string& message) const;
  // Prints "mlsysim: note: ..." on stderr (Context::note).
  void note(const std::string& message) const;

 private:
  const GlobalOptions& options_;
  std::unique_ptr<Registry> registry_;
};

int exit_code_for(const Error& error);

}  // namespace mlsysim::cli
