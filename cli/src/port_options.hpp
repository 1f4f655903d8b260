// Command-line options derived from a contract's input ports: seq_len is
// --seq-len, with the port's doc, default, whether it is required and what
// it accepts; a boolean port is a flag (--is-training, or --is-training=false).
// Commands bound to a contract (serve, eval) declare them up front; `solve`,
// which serves any contract, reads them from its extra arguments
// (inputs_from_extras) and prints them in its per-contract help.
#pragma once

#include <deque>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/solver_info.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

// "--seq-len" for seq_len.
std::string option_name(const PortInfo& port);
// The help line of a port: its doc, then (required), (default X) or
// (optional), and what it accepts.
std::string option_help(const PortInfo& port);

class PortOptions {
 public:
  // A short or older spelling of a port's option ("-b" for batch_size).
  struct Alias {
    Name port;
    std::string flag;
  };
  // A required positional argument for `port` (serve's MODEL HARDWARE).
  // Call before add(), which then leaves the port out of the options.
  void add_positional(CLI::App& command, Name port, const std::string& help);
  // An option on `command` for each other input of `contract`, with the
  // `aliases` given; a required port's option is required unless the
  // command fills inputs another way (`enforce_required` false: a plan file).
  void add(CLI::App& command, const std::vector<PortInfo>& inputs, const std::vector<Alias>& aliases = {},
           bool enforce_required = true);
  // Decodes every argument and option given into `inputs`, for `solver`'s ports.
  Status apply(const Registry& registry, const SolverInfo& solver, Record& inputs) const;

 private:
  std::deque<std::pair<std::string, std::optional<std::string>>> given_;  // port, text
  std::set<std::string> positional_;
};

// Inputs from `solve`'s extra arguments (--seq-len 4096, --is-training,
// --zero-stage=3), each named by its port; an unknown name is refused
// with the nearest ports.
Status inputs_from_extras(const Registry& registry, const SolverInfo& solver,
                          const std::vector<std::string>& extras, Record& inputs);

// `solve CONTRACT --help`: the contract's ports as options.
std::string port_help(const SolverInfo& solver);

}  // namespace mlsysim::cli
