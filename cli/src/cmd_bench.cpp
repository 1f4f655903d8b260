// `mlsysim bench [CONTRACT[:VARIANT]]... [--cases FILE] [--json FILE]
// [--baseline FILE] [--threshold PCT]`: solve time per variant with Google
// Benchmark, on the cases of a file or on each contract's default inputs,
// optionally compared with a saved Google Benchmark JSON report.
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "number_flags.hpp"
#include "mlsysim/registry/conformance.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "solve_benchmark.hpp"
#include "variant_selection.hpp"

namespace mlsysim::cli {
namespace {

struct BenchArgs {
  std::vector<std::string> variants;
  std::string cases, baseline;
  double threshold_pct = 10;
  BenchOptions options;
};

// The inputs each variant is timed on: the file's cases of its contract, or
// the contract's default inputs (as `plugins check` derives them).
Result<std::vector<Record>> inputs_for(const Registry& registry, const SolverHandle& v, const CaseFile* file) {
  std::vector<Record> out;
  if (file == nullptr) {
    Result<Record> defaults = conformance_inputs(v.info(), registry);
    if (!defaults.ok()) return defaults.error();
    out.push_back(std::move(*defaults));
    return out;
  }
  std::vector<MeasuredCase> measured;
  for (const MeasuredCase& c : file->measured)
    if (c.contract == v.info().contract_name()) measured.push_back(c);
  out = prepared_inputs(registry, v, measured);
  for (const ReferenceCase& c : file->reference) {
    if (c.solver.substr(0, c.solver.find(':')) != v.info().contract_name()) continue;
    Result<Record> in = decode_inputs(c.inputs, v.info(), registry);
    if (in.ok()) out.push_back(std::move(*in));
  }
  if (out.empty())
    return Error::bad_input("--cases", fmt::format("{} has no case that {} solves", file->path.string(),
                                                   v.full_name()));
  return out;
}

// Median ns per benchmark name in a Google Benchmark JSON report.
Result<std::map<std::string, double>> read_baseline(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const Result<Json> parsed = parse_json(text.str());
  const Json j = parsed.ok() ? *parsed : Json();
  if (!in || !parsed.ok() || !j.contains("benchmarks") || !j["benchmarks"].is_array())
    return Error::bad_input("--baseline", fmt::format("'{}' is not a Google Benchmark JSON report", path));
  static const std::map<std::string, double> kNs = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
  std::map<std::string, double> out;
  // A field as text, or `otherwise` when it is absent; nullopt when it is not text.
  auto text_of = [](const Json& b, const char* key, const char* otherwise) -> std::optional<std::string> {
    if (!b.contains(key)) return otherwise;
    if (!b[key].is_string()) return std::nullopt;
    return b[key].get<std::string>();
  };
  for (std::size_t i = 0; i < j["benchmarks"].size(); ++i) {
    const Json& b = j["benchmarks"][i];
    const auto bad = [&](const std::string& why) {
      return Error::bad_input("--baseline", fmt::format("'{}': benchmarks[{}] {}", path, i, why));
    };
    if (!b.is_object()) return bad("is not an object");
    // "roofline:reference/min_time:0.100/repeats:5": the variant, then Google Benchmark's settings.
    const auto run = b.contains("run_name") ? text_of(b, "run_name", "") : text_of(b, "name", "");
    const auto aggregate = text_of(b, "aggregate_name", ""), type = text_of(b, "run_type", "iteration");
    const auto unit_name = text_of(b, "time_unit", "ns");
    if (!run || !aggregate || !type || !unit_name) return bad("has a name, run type or time unit that is not text");
    const std::string name = run->substr(0, run->find('/'));
    if (*aggregate != "median" && !(*type == "iteration" && !out.contains(name))) continue;
    auto unit = kNs.find(*unit_name);
    if (unit == kNs.end() || !b.contains("real_time")) continue;
    if (!b["real_time"].is_number() || !std::isfinite(b["real_time"].get<double>()) || b["real_time"].get<double>() < 0)
      return bad("real_time is not a finite number >= 0");
    out[name] = b["real_time"].get<double>() * unit->second;
  }
  return out;
}

struct Row {
  BenchResult result;
  std::size_t cases = 0;
  std::optional<double> baseline_ns;
  bool regressed = false;
};

void print(Environment& env, const std::vector<Row>& rows, double threshold_pct) {
  if (env.json()) {
    Json list = Json::array();
    for (const Row& r : rows) {
      Json j = {{"variant", r.result.name}, {"cases", r.cases}, {"median_ns", r.result.median_ns},
                {"mean_ns", r.result.mean_ns}, {"stddev_ns", r.result.stddev_ns},
                {"repetitions", r.result.repetitions}};
      if (r.baseline_ns) j["baseline_ns"] = *r.baseline_ns, j["regressed"] = r.regressed;
      list.push_back(std::move(j));
    }
    fmt::print("{}\n", Json({{"threshold_pct", threshold_pct}, {"results", list}}).dump(2));
    return;
  }
  if (env.output() == "csv") {
    fmt::print("variant,cases,median_ns,mean_ns,stddev_ns,repetitions,baseline_ns,regressed\n");
    for (const Row& r : rows)
      fmt::print("{},{},{},{},{},{},{},{}\n", r.result.name, r.cases, r.result.median_ns, r.result.mean_ns,
                 r.result.stddev_ns, r.result.repetitions, r.baseline_ns ? fmt::format("{}", *r.baseline_ns) : "",
                 r.baseline_ns ? (r.regressed ? "true" : "false") : "");
    return;
  }
  Table table({"variant", "cases", "ns/solve (median)", "mean", "stddev", "solves/s", "baseline", "change"});
  for (const Row& r : rows) {
    const double ns = r.result.median_ns;
    std::string change = "-";
    if (r.baseline_ns)
      change = fmt::format("{:+.1f}%{}", 100 * (ns / *r.baseline_ns - 1), r.regressed ? " REGRESSION" : "");
    table.add({r.result.name, std::to_string(r.cases), fmt::format("{:.1f}", ns),
               fmt::format("{:.1f}", r.result.mean_ns), fmt::format("{:.1f}", r.result.stddev_ns),
               fmt::format("{:.4g}", ns > 0 ? 1e9 / ns : 0.0),
               r.baseline_ns ? fmt::format("{:.1f}", *r.baseline_ns) : "-", change});
  }
  fmt::print("{}", table.render());
}

int bench(Environment& env, const BenchArgs& args) {
  const Registry& registry = env.registry();
  std::optional<CaseFile> file;
  if (!args.cases.empty()) {
    Result<CaseFile> loaded = load_case_file(args.cases);
    if (!loaded.ok()) return env.fail(loaded.error());
    file = std::move(*loaded);
  }
  // Default: every contract (with --cases: every contract the file's cases name).
  std::vector<std::string> names = args.variants;
  if (names.empty())
    for (const auto& [contract, entry] : registry.contracts()) {
      bool named = !file;
      for (const MeasuredCase& c : file ? file->measured : std::vector<MeasuredCase>{}) named |= c.contract == contract;
      for (const ReferenceCase& c : file ? file->reference : std::vector<ReferenceCase>{})
        named |= c.solver.substr(0, c.solver.find(':')) == contract;
      if (named) names.push_back(contract);
    }
  Result<std::vector<const SolverHandle*>> variants = select_variants(registry, names);
  if (!variants.ok()) return env.fail(variants.error());
  std::vector<BenchTarget> targets;
  for (const SolverHandle* v : *variants) {
    Result<std::vector<Record>> inputs = inputs_for(registry, *v, file ? &*file : nullptr);
    if (!inputs.ok()) return env.fail(inputs.error());
    targets.push_back({v, std::move(*inputs)});
  }
  std::map<std::string, double> baseline;
  if (!args.baseline.empty()) {
    Result<std::map<std::string, double>> b = read_baseline(args.baseline);
    if (!b.ok()) return env.fail(b.error());
    baseline = std::move(*b);
  }
  Result<std::vector<BenchResult>> results = run_benchmarks(registry, targets, args.options);
  if (!results.ok()) return env.fail(results.error());
  std::vector<Row> rows;
  int code = kOk;
  for (std::size_t i = 0; i < results->size(); ++i) {
    Row& r = rows.emplace_back();
    r.result = (*results)[i];
    r.cases = targets[i].inputs.size();
    if (auto it = baseline.find(r.result.name); it != baseline.end()) {
      r.baseline_ns = it->second;
      r.regressed = r.result.median_ns > it->second * (1 + args.threshold_pct / 100);
      if (r.regressed) code = kConstraintViolated;
    }
  }
  print(env, rows, args.threshold_pct);
  if (code != kOk)
    fmt::print(stderr, "mlsysim: regression: a variant is more than {}% slower than the baseline\n",
               args.threshold_pct);
  return code;
}

}  // namespace

void add_bench_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench", "Solve time per variant (Google Benchmark)");
  cmd->add_option("variants", args->variants,
                  "CONTRACT (all its variants) or CONTRACT:VARIANT (default: every loaded variant)");
  cmd->add_option("--cases", args->cases,
                  "Time on this file's cases (measured or reference) instead of each contract's defaults");
  add_count(*cmd, "--repetitions", args->options.repetitions, 1, 1000, "Repetitions per variant (default 5)");
  add_real(*cmd, "--min-time", args->options.min_time_s, 0.001, 60.0, "Seconds per repetition (default 0.1)");
  cmd->add_option("--json", args->options.json_file, "Write Google Benchmark's JSON report here");
  cmd->add_option("--baseline", args->baseline,
                  "A Google Benchmark JSON report to compare with (its medians, by variant name)");
  add_real(*cmd, "--threshold", args->threshold_pct, 0, 1e6,
           "Slower than the baseline by more than this percentage is a regression: exit 3 (default 10)");
  cmd->callback([args, &env, &exit_code] { exit_code = bench(env, *args); });
}

}  // namespace mlsysim::cli
