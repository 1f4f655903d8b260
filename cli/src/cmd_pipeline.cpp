// `mlsysim pipeline check|run SPEC [--set name=value] [--sweep name=v1,v2]`:
// checks a pipeline file against the loaded solvers, and runs it (once, or
// once per combination of the --sweep lists and the file's "sweep").
#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <span>
#include <thread>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "pipeline_explain.hpp"
#include "number_flags.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/pipeline.hpp"
#include "solve_printer.hpp"
#include "streaming_table.hpp"
#include "sweep_output.hpp"
#include "mlsysim/registry/sweep_target.hpp"

namespace mlsysim::cli {
namespace {

struct PipelineArgs {
  std::string file;
  std::vector<std::string> sets, sweeps;
  bool trace = false;
  std::string where, by, pareto, out_file;
  std::int64_t top = 0;
  bool ascending = false;
  std::int64_t jobs = 0;
  double max_runs = 1e9;
};

// The spec with --set/--sweep applied, compiled once: every swept value is
// checked for every port it reaches before anything runs.
struct Plan {
  PipelineSpec spec;
  std::optional<Pipeline> pipeline;
  long double runs = 1;  // exact below 2^64; sweeps beyond are enumerated, never indexed
};

// "1200" or "1e+20"
std::string count_text(long double n) {
  return n < 1e18L ? fmt::format("{}", static_cast<std::uint64_t>(n)) : fmt::format("{:.3g}", static_cast<double>(n));
}

std::optional<Plan> plan(Environment& env, const PipelineArgs& args, int& code) {
  Result<PipelineSpec> spec = load_pipeline(args.file);
  if (!spec.ok()) {
    code = env.fail(spec.error());
    return std::nullopt;
  }
  for (const std::string& s : args.sets) {
    auto kv = split_assignment(s, "--set");
    if (!kv.ok()) return code = env.fail(kv.error()), std::nullopt;
    spec->set_input(kv->first, json_from_text(kv->second));
  }
  for (const std::string& s : args.sweeps) {
    auto kv = split_assignment(s, "--sweep");
    if (!kv.ok()) return code = env.fail(kv.error()), std::nullopt;
    std::vector<Json> values;
    for (const std::string& v : split_list(kv->second)) values.push_back(json_from_text(v));
    spec->set_sweep(kv->first, std::move(values));
  }
  std::vector<Error> errors;
  std::optional<Pipeline> pipeline = check_pipeline(*spec, env.registry(), errors);
  if (!pipeline) {
    for (const Error& e : errors) env.fail(e);
    code = kBadInput;
    return std::nullopt;
  }
  long double runs = 1;
  for (const Pipeline::Axis& a : pipeline->axes()) runs *= static_cast<long double>(a.values.size());
  if (runs > static_cast<long double>(args.max_runs)) {
    code = env.fail(Error::bad_input("--max-runs", fmt::format(
        "the pipeline sweep has {} combinations, more than the bound of {:.0f}; raise it with --max-runs",
        count_text(runs), args.max_runs)));
    return std::nullopt;
  }
  return Plan{std::move(*spec), std::move(pipeline), runs};
}

// The next combination in enumeration order (last axis fastest); false after the last.
bool next_combination(const Pipeline& p, std::vector<std::uint64_t>& position) {
  for (std::size_t a = position.size(); a-- > 0;) {
    if (++position[a] < p.axes()[a].values.size()) return true;
    position[a] = 0;
  }
  return false;
}

class TraceObserver final : public PipelineObserver {
 public:
  explicit TraceObserver(std::size_t runs) : runs_(runs) {}
  void start_run(std::size_t run) { run_ = run; }
  void on_stage_end(const StageEvent& e) override {
    fmt::print(stderr, "trace: {} run {}/{} stage {} ({}): {:.3f} us{}\n", e.pipeline, run_ + 1, runs_,
               e.stage, e.solver, static_cast<double>(e.elapsed.count()) / 1e3,
               e.status.ok() ? "" : " (failed)");
  }

 private:
  std::size_t runs_, run_ = 0;
};

Json error_json(const Error& e) {
  return {{"code", to_string(e.code)}, {"field", e.field}, {"message", e.message}};
}

Json run_json(const Pipeline& pipeline, std::span<const std::uint64_t> position, const Status& status,
              bool with_inputs) {
  Json out = {{"name", pipeline.name()}};
  if (with_inputs) {
    Json inputs = Json::object();
    for (std::size_t a = 0; a < pipeline.axes().size(); ++a)
      inputs[pipeline.axes()[a].name] = pipeline.axes()[a].values[position[a]];
    out["inputs"] = inputs;
  }
  Json stages = Json::object();
  for (const Pipeline::StageResult& r : pipeline.results()) {
    if (!r.ran) continue;
    Json stage = {{"solver", r.solver}};
    if (r.status.ok()) stage["outputs"] = to_json(r.outputs);
    else stage["error"] = error_json(r.status.error());
    if (!r.warnings.empty()) stage["warnings"] = r.warnings;
    if (!r.notes.empty()) stage["notes"] = r.notes;
    stages[r.id] = std::move(stage);
  }
  out["stages"] = std::move(stages);
  const std::vector<std::string>& columns = pipeline.report_columns();
  if (!columns.empty()) {
    Json report = Json::object();
    const std::vector<Value> values = pipeline.report();
    for (std::size_t c = 0; c < columns.size(); ++c) report[columns[c]] = to_json(values[c]);
    out["report"] = std::move(report);
  }
  if (!status.ok()) out["error"] = error_json(status.error());
  return out;
}

std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// Prints one run as it finishes: a report row, or every stage's outputs.
class RunPrinter {
 public:
  RunPrinter(Environment& env, const Pipeline& p) : env_(env), swept_(!p.axes().empty()) {
    if (env.json() || p.report_columns().empty()) return;
    std::vector<std::string> header;
    for (const Pipeline::Axis& a : p.axes()) header.push_back(a.name);
    header.insert(header.end(), p.report_columns().begin(), p.report_columns().end());
    table_.emplace(std::move(header), stdout);
  }
  void print(const Pipeline& p, std::span<const std::uint64_t> position, const Status& status) {
    if (env_.json()) {
      const std::string text = run_json(p, position, status, swept_).dump(2);
      fmt::print("{}{}", !swept_ ? "" : first_ ? "[\n" : ",\n", text);
    } else if (table_) {
      std::vector<std::string> row;
      for (std::size_t a = 0; a < p.axes().size(); ++a) row.push_back(text_of(p.axes()[a].values[position[a]]));
      for (const Value& v : p.report()) row.push_back(human(v));
      if (!status.ok()) row.back() = "error: " + status.error().message;
      table_->add(std::move(row));
    } else {
      print_stages(p, position);
    }
    first_ = false;
  }
  void finish() {
    if (table_) table_->finish();
    if (env_.json()) fmt::print("{}\n", swept_ ? (first_ ? "[]" : "\n]") : "");
  }

 private:
  void print_stages(const Pipeline& p, std::span<const std::uint64_t> position) {
    if (swept_) {
      std::string where;
      for (std::size_t a = 0; a < p.axes().size(); ++a)
        where += fmt::format("{}{}={}", a ? ", " : "", p.axes()[a].name, text_of(p.axes()[a].values[position[a]]));
      fmt::print("{}{}\n", first_ ? "" : "\n", where);
    }
    Table table({"stage", "solver", "output", "value"});
    for (const Pipeline::StageResult& r : p.results()) {
      if (!r.ran) continue;
      if (!r.status.ok()) {
        table.add({r.id, r.solver, "error", r.status.error().message});
        continue;
      }
      for (const Record::Field& f : r.outputs) table.add({r.id, r.solver, f.name.str(), f.value});
    }
    fmt::print("{}", table.render());
  }

  Environment& env_;
  bool swept_;
  bool first_ = true;
  std::optional<StreamingTable> table_;
};

// Through the sweep engine: rows of report columns (or every stage output)
// in any format, searched, on every core.
int run_on_engine(Environment& env, const PipelineArgs& args, const Pipeline& pipeline) {
  const PipelineTarget target(env.registry(), pipeline);
  Result<SweepSearch> search = search_from_options(args.where, static_cast<std::size_t>(args.top), args.by, args.ascending, args.pareto);
  if (!search.ok()) return env.fail(search.error());
  Result<SweepEngine> engine = SweepEngine::create(target, pipeline_space(pipeline), std::move(*search), env.columns());
  if (!engine.ok()) return env.fail(engine.error());
  SweepOptions options;
  options.jobs = sweep_jobs(args.jobs, "--jobs").value();  // the flag's range is the same rule
  return write_sweep(env, *engine, options, true, true, args.out_file);
}

int run_pipeline(Environment& env, const PipelineArgs& args) {
  int code = kOk;
  std::optional<Plan> p = plan(env, args, code);
  if (!p) return code;
  Pipeline& pipeline = *p->pipeline;
  const bool searching = args.top > 0 || !args.where.empty() || !args.pareto.empty();
  if (args.trace && (searching || !args.out_file.empty()))
    return env.fail(Error::bad_input("--trace", "--trace shows each run; it does not combine with --top, --where, "
                                                "--pareto or --file"));
  const bool rows = env.output() == "csv" || env.output() == "jsonl" || searching || args.jobs != 0 ||
                    !args.out_file.empty() ||
                    (!env.json() && !pipeline.report_columns().empty() && !args.trace);
  if (rows) return run_on_engine(env, args, pipeline);

  TraceObserver tracer(static_cast<std::size_t>(std::min<long double>(p->runs, 1e18L)));
  std::vector<PipelineObserver*> observers;
  if (args.trace) observers.push_back(&tracer);
  RunPrinter printer(env, pipeline);
  std::vector<std::uint64_t> position(pipeline.axes().size(), 0);
  for (std::size_t k = 0;; ++k) {
    if (k > 0 && !next_combination(pipeline, position)) break;
    pipeline.select(position);
    tracer.start_run(k);
    Session session(env.registry());
    const Status status = pipeline.run(session, observers);
    for (const Pipeline::StageResult& r : pipeline.results()) {
      if (env.json()) break;
      for (const std::string& w : r.warnings) env.warn(fmt::format("stage '{}': {}", r.id, w));
    }
    printer.print(pipeline, position, status);
    std::fflush(stdout);  // notes read with the figures, so they follow them
    for (const Pipeline::StageResult& r : pipeline.results()) {
      if (env.json()) break;
      for (const std::string& n : r.notes) env.note(fmt::format("stage '{}': {}", r.id, n));
    }
    if (!status.ok()) {
      code = std::max(code, exit_code_for(status.error()));
      if (!env.json()) env.fail(status.error());
    }
  }
  printer.finish();
  return code;
}

int check(Environment& env, const PipelineArgs& args) {
  int code = kOk;
  std::optional<Plan> p = plan(env, args, code);
  if (!p) return code;
  const std::size_t stages = p->pipeline->results().size();
  if (env.json()) {
    fmt::print("{}\n", Json({{"name", p->spec.name}, {"ok", true}, {"stages", stages},
                             {"runs", static_cast<double>(p->runs)}}).dump());
  } else {
    fmt::print("ok: pipeline '{}': {} stages, {} run{}\n", p->spec.name, stages, count_text(p->runs),
               p->runs == 1 ? "" : "s");
  }
  return kOk;
}

int explain(Environment& env, const PipelineArgs& args) {
  int code = kOk;
  std::optional<Plan> p = plan(env, args, code);
  if (!p) return code;
  return print_explanation(env, p->spec.name, *p->pipeline);
}

void add_common(CLI::App* cmd, PipelineArgs& args) {
  cmd->add_option("spec", args.file, "Pipeline JSON file")->required();
  cmd->add_option("--set", args.sets, "Set (or override) a pipeline input: name=value (repeatable)");
  cmd->add_option("--sweep", args.sweeps,
                  "Run once per value: name=v1,v2,... (repeatable: the cartesian product)");
  add_real(*cmd, "--max-runs", args.max_runs, 1, 1e30, "Refuse sweeps with more combinations (default 1e9)");
}

}  // namespace

void add_pipeline_command(CLI::App& app, Environment& env, int& exit_code) {
  auto* pipeline = app.add_subcommand("pipeline", "Check or run a pipeline of solvers (JSON file)");
  pipeline->require_subcommand(1);
  auto args = std::make_shared<PipelineArgs>();

  auto* check_cmd = pipeline->add_subcommand("check", "Validate a pipeline without solving");
  add_common(check_cmd, *args);
  check_cmd->callback([&env, &exit_code, args] { exit_code = check(env, *args); });

  auto* explain_cmd = pipeline->add_subcommand(
      "explain", "Each stage's solver, tier and walls, what it takes and from where, what it gives; the flow");
  add_common(explain_cmd, *args);
  explain_cmd->callback([&env, &exit_code, args] { exit_code = explain(env, *args); });

  auto* run_cmd = pipeline->add_subcommand("run", "Check, then run a pipeline and print every stage's outputs");
  add_common(run_cmd, *args);
  run_cmd->add_flag("--trace", args->trace, "Print each stage's time to stderr");
  run_cmd->add_option("--where", args->where, "Keep runs where EXPR over report columns and swept inputs holds");
  add_count(*run_cmd, "--top", args->top, 0, kMaxTop, "Keep the best K runs by the report column --by");
  run_cmd->add_option("--by", args->by, "The report column --top ranks by (largest first unless --asc)");
  run_cmd->add_flag("--asc,!--desc", args->ascending, "With --top: smallest first");
  run_cmd->add_option("--pareto", args->pareto, "Keep the Pareto front: COLUMN:min,COLUMN:max,...");
  add_jobs(*run_cmd, args->jobs, "Threads (default: every core); the same output for any N");
  run_cmd->add_option("--file", args->out_file, kSweepFileHelp);
  run_cmd->callback([&env, &exit_code, args] { exit_code = run_pipeline(env, *args); });
}

}  // namespace mlsysim::cli
