// How `mlsysim score` prints: for measured cases a row per variant and
// category (n, failures, MAPE, median APE, bias, share within 15% and 30%,
// worst case, and the solve time with --bench) followed by every failure;
// for reference cases a row per file and solver (cases and fields matched,
// worst relative difference) followed by the first mismatches. `-o json`
// adds each case's prediction; `-o csv` is the summary rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mlsysim/registry/parity.hpp"
#include "mlsysim/registry/scoring.hpp"
#include "solve_benchmark.hpp"

namespace mlsysim::cli {

struct VariantScores {
  const SolverHandle* variant = nullptr;
  std::vector<MeasuredCase> cases;  // the scores point into these
  std::vector<CaseScore> scores;
  std::optional<BenchResult> speed;

  VariantScores() = default;
  VariantScores(const VariantScores&) = delete;  // scores point into `cases`
  VariantScores(VariantScores&&) = default;      // a moved vector keeps its elements
};

struct ReferenceScores {
  std::string solver;
  std::vector<std::string> cases;  // ids, parallel to parity
  std::vector<CaseParity> parity;
};

class ScoreReport {
 public:
  explicit ScoreReport(std::string format) : format_(std::move(format)) {}
  // `scores` must outlive the report (--bench fills in their speed later).
  void add_measured(std::string file, const std::vector<VariantScores>* scores);
  void add_reference(std::string file, std::vector<ReferenceScores> scores);
  void print() const;

 private:
  void print_table() const;
  void print_csv() const;
  void print_json() const;

  std::string format_;
  std::vector<std::pair<std::string, const std::vector<VariantScores>*>> measured_;
  std::vector<std::pair<std::string, std::vector<ReferenceScores>>> reference_;
};

// The categories of `cases` in order of first appearance.
std::vector<std::string> categories_of(const std::vector<MeasuredCase>& cases);

}  // namespace mlsysim::cli
