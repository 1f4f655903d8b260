// `mlsysim calibrate CONTRACT:VARIANT CASES... [--out FILE] [--folds K]`:
// fits a calibrated variant's parameters to measured cases (log-space least
// squares), reports the fit in-sample and cross-validated next to the
// reference variant on the same cases, and writes the parameter file.
#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "atomic_file.hpp"
#include "human.hpp"
#include "number_flags.hpp"
#include "progress.hpp"
#include "mlsysim/framework/text_file.hpp"
#include "mlsysim/framework/version.hpp"
#include "mlsysim/registry/calibration.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "score_report.hpp"

namespace mlsysim::cli {
namespace {

struct CalibrateArgs {
  std::string variant;
  std::vector<std::string> files;
  std::string out;
  std::int64_t folds = 0;
  FitOptions fit;
};

Json summary_json(const ErrorSummary& s) {
  return {{"n", s.n}, {"failures", s.failures}, {"mape", s.mape}, {"median_ape", s.median_ape},
          {"bias", s.bias}, {"within_15", s.within_15}, {"within_30", s.within_30}};
}

// Overall and per-category summaries of `scores`.
Json summaries_json(const std::vector<CaseScore>& scores, const std::vector<MeasuredCase>& cases) {
  Json out = {{"all", summary_json(summarize(scores))}};
  for (const std::string& category : categories_of(cases)) {
    std::vector<CaseScore> subset;
    for (const CaseScore& s : scores)
      if (s.of->category == category) subset.push_back(s);
    out[category] = summary_json(summarize(subset));
  }
  return out;
}

// The measured cases of `contract` in `files` that `variant` solves now.
Result<std::vector<MeasuredCase>> usable_cases(const Registry& registry, const SolverHandle& variant,
                                               const std::vector<std::string>& files) {
  std::vector<MeasuredCase> cases;
  for (const std::string& path : files) {
    Result<CaseFile> file = load_case_file(path);
    if (!file.ok()) return file.error();
    if (file->measured.empty())
      return Error::bad_input("cases", fmt::format("{}: calibrate needs measured cases", path));
    for (const MeasuredCase& c : file->measured)
      if (c.contract == variant.info().contract_name()) cases.push_back(c);
  }
  std::vector<MeasuredCase> usable;
  const std::vector<CaseScore> scores = PreparedCorpus(registry, variant, cases).score();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (scores[i].predicted) usable.push_back(cases[i]);
    else fmt::print(stderr, "mlsysim: warning: {} left out of the fit: {}\n", cases[i].id, describe(*scores[i].error));
  }
  if (usable.empty())
    return Error::bad_input("cases", fmt::format("no measured case of contract '{}' that {} can solve",
                                                 variant.info().contract_name(), variant.full_name()));
  return usable;
}

// The variant's own parameter file with the fitted values and a new provenance.
Status write_parameter_file(const SolverInfo& info, const std::vector<double>& values, const Json& fit,
                            const CalibrateArgs& args) {
  Result<std::string> text = read_text_file(info.parameter_file, "parameter file");
  if (!text.ok()) return text.error();
  Result<Json> parsed = parse_json(*text);
  Json file = parsed.ok() ? *parsed : Json();
  if (!parsed.ok() || !file.contains("parameters"))
    return Error::bad_input("parameters", fmt::format("cannot reread '{}'", info.parameter_file));
  for (std::size_t i = 0; i < values.size(); ++i) file["parameters"][info.parameters[i].name] = values[i];
  std::string command = "mlsysim calibrate " + args.variant;
  for (const std::string& f : args.files) command += " " + f;
  file["provenance"] = {{"fitted_by", command + " (mlsysim " MLSYSIM_VERSION ")"},
                        {"date", fmt::format("{:%Y-%m-%d}", fmt::gmtime(std::time(nullptr)))},
                        {"objective", "sum over cases of ln(predicted / measured)^2 (quality B/C cases weigh 0.5), plus the prior term"},
                        {"fit", fit}};
  // Written whole or not at all, and readable only by what a parameter file must pass (file_trust.hpp).
  if (std::string error = write_file_atomically(args.out, file.dump(2) + "\n"); !error.empty())
    return Error::bad_input("--out", error);
  return {};
}

void print_fit(const SolverInfo& info, const std::vector<double>& values, const Json& fit) {
  Table params({"parameter", "was", "fitted", "range", "meaning"});
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Parameter& p = info.parameters[i];
    params.add({p.name, fmt::format("{:.4g}", p.value), fmt::format("{:.4g}", values[i]),
                fmt::format("[{:.3g}, {:.3g}]", p.low, p.high), p.doc});
  }
  fmt::print("{}\n", params.render());
  Table stats({"scored", "category", "n", "MAPE", "median APE", "bias", "within 15%", "within 30%"});
  for (const auto& [label, key] : {std::pair{"fit, in-sample", "in_sample"},
                                   {"held out (cross-validated)", "cross_validated"},
                                   {"reference variant", "reference"}}) {
    if (!fit.contains(key)) continue;
    for (const auto& [category, s] : fit[key]["categories"].items())
      stats.add({category == "all" ? label : "", category, std::to_string(s["n"].get<std::size_t>()),
                 fmt::format("{:.1f}%", 100 * s["mape"].get<double>()),
                 fmt::format("{:.1f}%", 100 * s["median_ape"].get<double>()),
                 fmt::format("{:+.1f}%", 100 * s["bias"].get<double>()),
                 fmt::format("{:.1f}%", 100 * s["within_15"].get<double>()),
                 fmt::format("{:.1f}%", 100 * s["within_30"].get<double>())});
  }
  fmt::print("{}", stats.render());
}

int calibrate(Environment& env, const CalibrateArgs& args) {
  const Registry& registry = env.registry();
  const SolverHandle* variant = registry.find_solver(args.variant);
  if (variant == nullptr) return env.fail(registry.unknown_solver(args.variant));
  const SolverInfo& info = variant->info();
  if (info.parameters.empty())
    return env.fail(Error::bad_input("variant", fmt::format("{} has no parameters to fit", variant->full_name())));
  Result<std::vector<MeasuredCase>> cases = usable_cases(registry, *variant, args.files);
  if (!cases.ok()) return env.fail(cases.error());

  const PreparedCorpus corpus(registry, *variant, *cases);
  std::vector<double> start;
  for (const Parameter& p : info.parameters) start.push_back(p.value);
  const FitResult fitted = fit_parameters(corpus, variant->implementation(), start, {}, args.fit);
  const std::vector<CaseScore> in_sample = corpus.score(*variant->implementation().with_parameters(fitted.values));
  const std::size_t folds = cross_validation_folds(cases->size(), static_cast<std::size_t>(args.folds));
  if (args.folds == 0 && folds != cases->size())
    fmt::print(stderr, "mlsysim: {} cases: cross-validating with {} folds rather than leave-one-out (more than {} "
                       "cases; --folds N to choose)\n", cases->size(), folds, kLeaveOneOutLimit);
  std::vector<CaseScore> held_out;
  {
    Progress progress(env, "cross-validation fits");
    held_out = cross_validate(corpus, variant->implementation(), start, folds, args.fit,
                              [&progress](std::size_t done, std::size_t total) { progress(done, total); });
  }
  Json fit = {{"cases", cases->size()},
              {"prior_weight", args.fit.prior_weight},
              {"cross_validation", folds == cases->size() ? std::string("leave-one-out") : fmt::format("{}-fold", folds)},
              {"in_sample", {{"categories", summaries_json(in_sample, *cases)}}},
              {"cross_validated", {{"categories", summaries_json(held_out, *cases)}}}};
  if (const SolverHandle* reference = registry.find_solver(info.contract_name() + ":reference"))
    fit["reference"] = {{"categories", summaries_json(PreparedCorpus(registry, *reference, *cases).score(), *cases)}};
  Json per_case = Json::array();
  for (std::size_t i = 0; i < cases->size(); ++i) {
    Json c = {{"id", (*cases)[i].id}, {"category", (*cases)[i].category}};
    if (in_sample[i].predicted) c["in_sample_error"] = in_sample[i].signed_error();
    if (held_out[i].predicted) c["held_out_error"] = held_out[i].signed_error();
    per_case.push_back(std::move(c));
  }
  fit["cases_detail"] = std::move(per_case);

  if (env.json()) {
    Json params = Json::object();
    for (std::size_t i = 0; i < fitted.values.size(); ++i) params[info.parameters[i].name] = fitted.values[i];
    fmt::print("{}\n", Json({{"variant", variant->full_name()}, {"parameters", params}, {"fit", fit}}).dump(2));
  } else {
    print_fit(info, fitted.values, fit);
  }
  if (!args.out.empty()) {
    if (Status s = write_parameter_file(info, fitted.values, fit, args); !s.ok()) return env.fail(s.error());
    if (!env.json()) fmt::print("wrote {}\n", args.out);
  }
  return kOk;
}

}  // namespace

void add_calibrate_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "Fit a calibrated variant's parameters to measured cases and report held-out error");
  cmd->add_option("variant", args->variant, "Variant with parameters, e.g. roofline:calibrated")->required();
  cmd->add_option("cases", args->files, "Measured case files (JSON lines, as zoo/measured/corpus.jsonl)")
      ->required();
  cmd->add_option("--out", args->out,
                  "Write the fitted parameter file here (point MLSYSIM_CALIBRATION_DIR at its folder "
                  "to use it); without it, only report");
  add_count(*cmd, "--folds", args->folds, 0, 100'000, "Cross-validation folds (default 0: leave-one-out)");
  add_real(*cmd, "--prior-weight", args->fit.prior_weight, 0, 1e6,
           "Pull of each parameter toward its physical prior (default 0.02; 0: none)");
  cmd->callback([args, &env, &exit_code] { exit_code = calibrate(env, *args); });
}

}  // namespace mlsysim::cli
