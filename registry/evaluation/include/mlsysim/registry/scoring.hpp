// Scoring a variant against measured cases (corpus.hpp): each case's inputs
// are decoded and its `predict` expression compiled once against the
// variant's ports, then any number of solves evaluate it, so `calibrate`
// can re-score a re-parameterised copy of the variant cheaply.
//
// Errors are relative to the measurement: signed error = predicted /
// measured - 1 (positive: the prediction is larger than the measurement,
// i.e. too optimistic for a throughput, too pessimistic for a latency);
// APE = |signed error|.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "mlsysim/registry/expression.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

struct CaseScore {
  const MeasuredCase* of = nullptr;
  std::optional<double> predicted;  // in base units; empty when the case failed
  std::optional<Error> error;       // why it failed

  double signed_error() const { return *predicted / of->measured.value - 1.0; }
};

struct ErrorSummary {
  std::size_t n = 0;         // cases scored (failures included)
  std::size_t failures = 0;  // cases the variant could not solve or predict
  double mape = 0, median_ape = 0, bias = 0;  // fractions, over the solved cases
  double within_15 = 0, within_30 = 0;        // shares of the solved cases
  std::string worst_id;
  double worst_ape = 0;
};

// Statistics over the scores (failures counted in n and failures only).
MLSYSIM_API ErrorSummary summarize(std::span<const CaseScore> scores);

// The measured cases of one contract prepared for one variant.
class MLSYSIM_API PreparedCorpus {
 public:
  PreparedCorpus(const Registry& registry, const SolverHandle& variant,
                 std::span<const MeasuredCase> cases);

  // Each case solved by `solver` (the variant itself or a re-parameterised
  // copy of it) and predicted. `validate` routes solves through the
  // variant's handle (input checks); copies skip them, as the inputs were
  // checked when the case was prepared.
  std::vector<CaseScore> score(const Solver& solver, bool validate = false) const;
  // The variant's own scores.
  std::vector<CaseScore> score() const { return score(variant_.implementation(), true); }

  std::size_t size() const { return cases_.size(); }

 private:
  struct Operand {
    Name output;                     // an output of the solver, or
    std::optional<double> constant;  // an input's value
  };
  struct Prepared {
    const MeasuredCase* of;
    Record inputs;
    std::optional<Expression> predict;
    std::vector<Operand> operands;
    std::optional<Error> error;  // preparation failed
  };
  static void prepare(const Registry& registry, const SolverInfo& info, Prepared& p);

  const Registry& registry_;
  const SolverHandle& variant_;
  std::vector<Prepared> cases_;
};

}  // namespace mlsysim
