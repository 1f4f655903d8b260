// Fitting a variant's parameters (Solver::with_parameters) to measured
// cases: minimise the sum over cases of ln(predicted / measured)^2, so an
// over-prediction by a factor x costs the same as an under-prediction by x,
// within each parameter's range. A case below quality A (one setting of the
// record assumed, zoo/measured/CORPUS.md) weighs half. Cross-validation refits without each fold
// and predicts the fold, so the error it reports is on cases the fit did not
// see.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/registry/scoring.hpp"

namespace mlsysim {

struct FitOptions {
  // Weight of each parameter's prior: ln(value / prior)^2 counts this much,
  // as a case missed by a factor e^sqrt(weight) would. Small, so the data
  // decide where they can and a parameter few cases inform stays near its
  // physical value (Parameter::prior; 0 means none).
  double prior_weight = 0.02;
};

struct FitResult {
  std::vector<double> values;  // in info().parameters order
  double loss = 0;             // the objective at `values`
  std::size_t evaluations = 0;
};

// Fits on the cases whose index is in `use` (all when empty), starting
// from `start`. The search is deterministic: coordinate steps in log space
// that halve when no coordinate improves.
MLSYSIM_API FitResult fit_parameters(const PreparedCorpus& corpus, const Solver& variant,
                                     std::span<const double> start,
                                     std::span<const std::size_t> use = {}, FitOptions options = {});

// The folds cross-validation uses for `cases` cases when asked for `folds`:
// 0 means leave-one-out up to kLeaveOneOutLimit cases and 10 folds beyond
// (leave-one-out fits once per case, so its cost grows as cases squared);
// never more folds than cases.
inline constexpr std::size_t kLeaveOneOutLimit = 50;
MLSYSIM_API std::size_t cross_validation_folds(std::size_t cases, std::size_t folds);

// Each case predicted by parameters fitted on the other folds
// (cross_validation_folds(size, folds) of them; case i is in fold i % k).
// `on_fold(done, folds)` is called after each fold's fit (for progress).
using FoldProgress = std::function<void(std::size_t done, std::size_t folds)>;
MLSYSIM_API std::vector<CaseScore> cross_validate(const PreparedCorpus& corpus, const Solver& variant,
                                                  std::span<const double> start, std::size_t folds = 0,
                                                  FitOptions options = {}, const FoldProgress& on_fold = {});

}  // namespace mlsysim
