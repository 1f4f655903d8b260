// Solve-time measurement with Google Benchmark, shared by `mlsysim bench`
// and `mlsysim score --bench`: one benchmark per variant, registered at run
// time, cycling through that variant's input records with one reused output
// record (as sweeps and batches solve), through the registry's checks.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

struct BenchResult {
  std::string name;       // the variant's full name
  double median_ns = 0;   // per solve, median over repetitions
  double mean_ns = 0;
  double stddev_ns = 0;
  std::size_t repetitions = 0;
};

struct BenchTarget {
  const SolverHandle* variant = nullptr;
  std::vector<Record> inputs;  // solved in turn
};

struct BenchOptions {
  std::int64_t repetitions = 5;
  double min_time_s = 0.1;  // per repetition
  std::string json_file;    // Google Benchmark's JSON report, if set
};

// Runs one benchmark per target, quietly; results in target order. A
// target whose solve fails is an error naming it. Call once per process
// (Google Benchmark keeps its registrations).
Result<std::vector<BenchResult>> run_benchmarks(const Registry& registry,
                                                const std::vector<BenchTarget>& targets,
                                                const BenchOptions& options);

// The decoded inputs of `cases` for `variant`, those it accepts.
std::vector<Record> prepared_inputs(const Registry& registry, const SolverHandle& variant,
                                    const std::vector<MeasuredCase>& cases);

}  // namespace mlsysim::cli
