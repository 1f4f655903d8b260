// `mlsysim score CASES... [--variant CONTRACT[:VARIANT]]... [--bench]`:
// accuracy of variants on measured cases (error statistics, overall and per
// category), or parity with MLSys·im on reference-case files.
#include <deque>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "mlsysim/registry/parity.hpp"
#include "score_report.hpp"
#include "solve_benchmark.hpp"
#include "variant_selection.hpp"

namespace mlsysim::cli {
namespace {

struct ScoreArgs {
  std::vector<std::string> files, variants;
  bool bench = false;
};

// The variants that score `contract`'s cases: those chosen that implement
// it, or (none chosen at all) every loaded variant of it.
std::vector<const SolverHandle*> scoring_variants(const Registry& registry, const std::string& contract,
                                                  const std::vector<const SolverHandle*>& chosen,
                                                  bool any_chosen) {
  if (!any_chosen) return variants_of(registry, contract);
  std::vector<const SolverHandle*> out;
  for (const SolverHandle* h : chosen)
    if (h->info().contract_name() == contract) out.push_back(h);
  return out;
}

std::vector<std::string> contracts_in(const CaseFile& file) {
  std::vector<std::string> out;
  for (const MeasuredCase& c : file.measured)
    if (std::find(out.begin(), out.end(), c.contract) == out.end()) out.push_back(c.contract);
  return out;
}

// Scores every chosen variant of every contract in a measured-case file.
Result<std::vector<VariantScores>> score_measured(Environment& env, const CaseFile& file,
                                                  const std::vector<const SolverHandle*>& chosen,
                                                  bool any_chosen) {
  const Registry& registry = env.registry();
  std::vector<VariantScores> out;
  for (const std::string& contract : contracts_in(file)) {
    std::vector<MeasuredCase> cases;
    for (const MeasuredCase& c : file.measured)
      if (c.contract == contract) cases.push_back(c);
    std::vector<const SolverHandle*> variants = scoring_variants(registry, contract, chosen, any_chosen);
    if (variants.empty() && !any_chosen)
      return Error::unknown_name("solver", fmt::format("{}: {} case(s) name contract '{}', which no loaded "
                                                       "plugin implements", file.path.string(),
                                                       cases.size(), contract));
    for (const SolverHandle* v : variants) {
      VariantScores& s = out.emplace_back();
      s.variant = v;
      s.cases = cases;
      s.scores = PreparedCorpus(registry, *v, s.cases).score();
    }
  }
  return out;
}

// Each variant's solve time on the cases it solves, in one Google Benchmark run.
Status time_variants(const Registry& registry, std::vector<VariantScores*>& variants) {
  std::vector<BenchTarget> targets;
  for (VariantScores* v : variants) targets.push_back({v->variant, prepared_inputs(registry, *v->variant, v->cases)});
  BenchOptions options;
  options.repetitions = 3;
  options.min_time_s = 0.05;
  Result<std::vector<BenchResult>> speeds = run_benchmarks(registry, targets, options);
  if (!speeds.ok()) return speeds.error();
  for (std::size_t i = 0; i < variants.size(); ++i) variants[i]->speed = (*speeds)[i];
  return {};
}

std::vector<ReferenceScores> score_reference(Environment& env, const CaseFile& file,
                                             const std::vector<const SolverHandle*>& chosen) {
  const Registry& registry = env.registry();
  std::vector<ReferenceScores> out;
  auto row = [&](const std::string& solver) -> ReferenceScores& {
    for (ReferenceScores& r : out)
      if (r.solver == solver) return r;
    ReferenceScores& r = out.emplace_back();
    r.solver = solver;
    return r;
  };
  for (const ReferenceCase& c : file.reference) {
    const std::string contract = c.solver.substr(0, c.solver.find(':'));
    if (chosen.empty()) {  // each case's own solver, named as it resolves
      const SolverHandle* h = registry.find_solver(c.solver);
      ReferenceScores& r = row(h ? h->full_name() : c.solver);
      r.cases.push_back(c.id);
      r.parity.push_back(check_reference_case(registry, c));
      continue;
    }
    for (const SolverHandle* h : chosen) {
      if (h->info().contract_name() != contract) continue;
      ReferenceScores& r = row(h->full_name());
      r.cases.push_back(c.id);
      r.parity.push_back(check_reference_case(registry, c, h->full_name()));
    }
  }
  return out;
}

int score(Environment& env, const ScoreArgs& args) {
  const Registry& registry = env.registry();
  Result<std::vector<const SolverHandle*>> chosen = select_variants(registry, args.variants);
  if (!chosen.ok()) return env.fail(chosen.error());
  ScoreReport report(env.output());
  int code = kOk;
  std::deque<std::vector<VariantScores>> measured;  // stable addresses: the report points here
  for (const std::string& path : args.files) {
    Result<CaseFile> file = load_case_file(path);
    if (!file.ok()) return env.fail(file.error());
    if (!file->measured.empty()) {
      Result<std::vector<VariantScores>> scores =
          score_measured(env, *file, *chosen, !args.variants.empty());
      if (!scores.ok()) return env.fail(scores.error());
      for (const VariantScores& s : *scores)
        if (summarize(s.scores).failures > 0) code = kBadInput;
      measured.push_back(std::move(*scores));
      report.add_measured(path, &measured.back());
    } else {
      std::vector<ReferenceScores> scores = score_reference(env, *file, *chosen);
      for (const ReferenceScores& s : scores)
        for (const CaseParity& p : s.parity)
          if (!p.differences.empty()) code = kBadInput;
      report.add_reference(path, std::move(scores));
    }
  }
  if (args.bench) {
    std::vector<VariantScores*> all;
    for (auto& file : measured)
      for (VariantScores& v : file) all.push_back(&v);
    if (Status s = time_variants(registry, all); !s.ok()) return env.fail(s.error());
  }
  report.print();
  return code;
}

}  // namespace

void add_score_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<ScoreArgs>();
  CLI::App* cmd = app.add_subcommand(
      "score", "Accuracy of variants on measured cases, or parity on reference-case files");
  cmd->add_option("cases", args->files,
                  "Case files (JSON lines): measured cases (zoo/measured/corpus.jsonl) or reference "
                  "cases with expected outputs (tests/data/*.jsonl)")
      ->required();
  cmd->add_option("--variant", args->variants,
                  "CONTRACT:VARIANT to score, or CONTRACT for all its variants (repeatable; default: "
                  "every loaded variant of each contract in a corpus, each case's own solver for "
                  "reference cases)");
  cmd->add_flag("--bench", args->bench, "Also measure each variant's solve time on the cases");
  cmd->callback([args, &env, &exit_code] { exit_code = score(env, *args); });
}

}  // namespace mlsysim::cli
