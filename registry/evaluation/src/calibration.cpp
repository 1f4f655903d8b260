#include "mlsysim/registry/calibration.hpp"

#include <algorithm>
#include <cmath>

namespace mlsysim {
namespace {

constexpr double kFailurePenalty = 100.0;  // per case a trial cannot solve: worse than any fit
constexpr double kInitialStep = 0.5;       // in ln(value)
constexpr double kFinalStep = 1e-4;
constexpr double kAssumedSettingWeight = 0.5;  // cases below quality A
constexpr std::size_t kMaxRounds = 400;


class Objective {
 public:
  Objective(const PreparedCorpus& corpus, const Solver& variant, std::span<const std::size_t> use,
            double prior_weight)
      : corpus_(corpus), variant_(variant), use_(use.begin(), use.end()), prior_weight_(prior_weight) {}

  double operator()(std::span<const double> values) {
    ++evaluations;
    std::unique_ptr<Solver> trial = variant_.with_parameters(values);
    const std::vector<CaseScore> scores = corpus_.score(*trial);
    double loss = 0;
    auto add = [&](const CaseScore& s) {
      if (!s.predicted) return void(loss += kFailurePenalty);
      const double e = std::log(*s.predicted / s.of->measured.value);
      loss += (s.of->quality == "A" || s.of->quality.empty() ? 1.0 : kAssumedSettingWeight) * e * e;
    };
    if (use_.empty()) {
      for (const CaseScore& s : scores) add(s);
    } else {
      for (std::size_t i : use_) add(scores[i]);
    }
    const std::vector<Parameter>& params = variant_.info().parameters;
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].prior <= 0) continue;
      const double d = std::log(std::max(values[i], 1e-300) / params[i].prior);
      loss += prior_weight_ * d * d;
    }
    return loss;
  }
  std::size_t evaluations = 0;

 private:
  const PreparedCorpus& corpus_;
  const Solver& variant_;
  std::vector<std::size_t> use_;
  double prior_weight_;
};

}  // namespace

FitResult fit_parameters(const PreparedCorpus& corpus, const Solver& variant,
                         std::span<const double> start, std::span<const std::size_t> use,
                         FitOptions options) {
  const std::vector<Parameter>& params = variant.info().parameters;
  Objective objective(corpus, variant, use, options.prior_weight);
  std::vector<double> x(start.begin(), start.end());
  // A parameter at 0 moves in log space from a small positive floor.
  std::vector<double> floor(params.size());
  for (std::size_t i = 0; i < params.size(); ++i)
    floor[i] = params[i].low > 0 ? params[i].low : std::max(params[i].high * 1e-6, 1e-12);
  double best = objective(x);
  std::vector<double> step(params.size(), kInitialStep);
  for (std::size_t round = 0; round < kMaxRounds; ++round) {
    bool improved = false;
    for (std::size_t i = 0; i < params.size(); ++i) {
      for (double direction : {+1.0, -1.0}) {
        std::vector<double> t = x;
        t[i] = std::clamp(std::max(x[i], floor[i]) * std::exp(direction * step[i]), params[i].low, params[i].high);
        if (t[i] == x[i]) continue;
        const double loss = objective(t);
        if (loss < best) {
          best = loss;
          x = std::move(t);
          improved = true;
          break;
        }
      }
    }
    if (!improved) {
      for (double& s : step) s /= 2;
      if (step.front() < kFinalStep) break;
    }
  }
  return {x, best, objective.evaluations};
}

std::size_t cross_validation_folds(std::size_t cases, std::size_t folds) {
  if (folds == 0) return cases <= kLeaveOneOutLimit ? cases : 10;
  return std::min(folds, cases);
}

std::vector<CaseScore> cross_validate(const PreparedCorpus& corpus, const Solver& variant,
                                      std::span<const double> start, std::size_t folds,
                                      FitOptions options, const FoldProgress& on_fold) {
  const std::size_t n = corpus.size();
  const std::size_t k = cross_validation_folds(n, folds);
  std::vector<CaseScore> held_out(n);
  for (std::size_t fold = 0; fold < k; ++fold) {
    std::vector<std::size_t> train;
    for (std::size_t i = 0; i < n; ++i)
      if (i % k != fold) train.push_back(i);
    const FitResult fit = fit_parameters(corpus, variant, start, train, options);
    const std::vector<CaseScore> scores = corpus.score(*variant.with_parameters(fit.values));
    for (std::size_t i = fold; i < n; i += k) held_out[i] = scores[i];
    if (on_fold) on_fold(fold + 1, k);
  }
  return held_out;
}

}  // namespace mlsysim
