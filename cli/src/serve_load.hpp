// `mlsysim serve MODEL HARDWARE --qps RATE`: the serving report, then the
// same model under load — continuous batching with a paged KV cache (how
// many requests a replica holds, against static reservation) and the
// M/M/c queue those request slots form (P50/P99 at the arrival rate).
// Beyond MLSys·im, which answers each question with its own resolver: here
// serving's TTFT and continuous batching's decode step give the queue its
// service time, and every admitted request of every replica is a server.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "environment.hpp"
#include "port_options.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {

struct LoadOptions {
  std::string qps;  // empty: no load view
  std::string replicas = "1";
  std::string max_batch_size = "256";  // vLLM's default max_num_seqs
  std::string page_size = "16";        // vLLM's default block size

  void add(CLI::App& serve);
  bool given() const { return !qps.empty(); }
};

// Solves serving (`serving_solver`, inputs from `ports`), continuous_batching
// and tail_latency, prints the three as one report (or one JSON object) and
// applies `checks` to all of them. Returns the exit code.
int serve_under_load(Environment& env, const std::string& serving_solver, const PortOptions& ports,
                     const LoadOptions& load, const ResultChecks& checks, const ReportPrinter& serving_report);

}  // namespace mlsysim::cli
