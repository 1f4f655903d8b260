// `mlsysim pipeline check|run SPEC [--set name=value] [--sweep name=v1,v2]`:
// checks a pipeline file against the loaded solvers, and runs it (once, or
// once per combination of the --sweep lists and the file's "sweep").
#include <algorithm>
#include <chrono>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/pipeline.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct PipelineArgs {
  std::string file;
  std::vector<std::string> sets, sweeps;
  bool trace = false;
};

// One combination of the sweep axes: the inputs it sets, and the pipeline
// checked with them.
struct PlannedRun {
  std::vector<std::pair<std::string, Json>> swept;
  std::optional<Pipeline> pipeline;
};

struct Plan {
  PipelineSpec spec;  // with --set/--sweep applied
  std::vector<PlannedRun> runs;
};

// Loads the spec, applies --set/--sweep and checks every combination, so a
// bad value anywhere fails before anything runs. Prints every problem.
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
  std::vector<PlannedRun> runs;
  std::vector<std::size_t> index(spec->sweep.size(), 0);
  // Each distinct problem once, with the first combination that shows it
  // and how many do (most problems do not depend on the sweep at all).
  struct Problem {
    Error error;
    std::string first_combination;
    std::size_t combinations = 0;
  };
  std::vector<Problem> problems;
  const Registry& registry = env.registry();
  while (true) {
    PipelineSpec one = *spec;
    PlannedRun run;
    for (std::size_t a = 0; a < spec->sweep.size(); ++a) {
      const auto& [axis, values] = spec->sweep[a];
      run.swept.emplace_back(axis, values[index[a]]);
      one.set_input(axis, values[index[a]]);
    }
    std::vector<Error> errors;
    run.pipeline = check_pipeline(one, registry, errors);
    for (Error& e : errors) {
      auto same = std::find_if(problems.begin(), problems.end(), [&](const Problem& p) {
        return p.error.field == e.field && p.error.message == e.message;
      });
      if (same == problems.end()) {
        std::string where;
        for (const auto& [axis, value] : run.swept)
          where += fmt::format("{}{}={}", where.empty() ? "" : ", ", axis, value.dump());
        same = problems.insert(problems.end(), Problem{std::move(e), std::move(where), 0});
      }
      ++same->combinations;
    }
    runs.push_back(std::move(run));
    std::size_t a = spec->sweep.size();
    while (a > 0 && ++index[a - 1] == spec->sweep[a - 1].second.size()) index[--a] = 0;
    if (a == 0) break;
  }
  if (!problems.empty()) {
    for (Problem& p : problems) {
      if (p.combinations < runs.size())  // say which combination it belongs to
        p.error.message += fmt::format(" [with {}{}]", p.first_combination,
                                       p.combinations > 1 ? fmt::format(" and {} more", p.combinations - 1) : "");
      env.fail(p.error);
    }
    code = kBadInput;
    return std::nullopt;
  }
  return Plan{std::move(*spec), std::move(runs)};
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

Json run_json(const std::string& name, const PlannedRun& run, const Status& status, bool with_inputs) {
  Json out = {{"name", name}};
  if (with_inputs) {
    Json inputs = Json::object();
    for (const auto& [axis, value] : run.swept) inputs[axis] = value;
    out["inputs"] = inputs;
  }
  Json stages = Json::object();
  for (const Pipeline::StageResult& r : run.pipeline->results()) {
    if (!r.ran) continue;
    Json stage = {{"solver", r.solver}};
    if (r.status.ok()) stage["outputs"] = to_json(r.outputs);
    else stage["error"] = error_json(r.status.error());
    if (!r.warnings.empty()) stage["warnings"] = r.warnings;
    stages[r.id] = std::move(stage);
  }
  out["stages"] = std::move(stages);
  const std::vector<std::string>& columns = run.pipeline->report_columns();
  if (!columns.empty()) {
    Json report = Json::object();
    const std::vector<Value> values = run.pipeline->report();
    for (std::size_t c = 0; c < columns.size(); ++c) report[columns[c]] = to_json(values[c]);
    out["report"] = std::move(report);
  }
  if (!status.ok()) out["error"] = error_json(status.error());
  return out;
}

std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// With "report" columns: one row per run. Without: every output of every stage.
void print_tables(const std::vector<PlannedRun>& runs, const std::vector<Status>& statuses) {
  const std::vector<std::string>& report = runs.front().pipeline->report_columns();
  if (!report.empty()) {
    std::vector<std::string> header;
    for (const auto& [axis, value] : runs.front().swept) header.push_back(axis);
    header.insert(header.end(), report.begin(), report.end());
    Table table(header);
    for (std::size_t k = 0; k < runs.size(); ++k) {
      std::vector<std::string> row;
      for (const auto& [axis, value] : runs[k].swept) row.push_back(text_of(value));
      for (const Value& v : runs[k].pipeline->report()) row.push_back(human(v));
      if (!statuses[k].ok()) row.back() = "error: " + statuses[k].error().message;
      table.add(std::move(row));
    }
    fmt::print("{}", table.render());
    return;
  }
  for (std::size_t k = 0; k < runs.size(); ++k) {
    if (!runs[k].swept.empty()) {
      std::string where;
      for (const auto& [axis, value] : runs[k].swept) where += fmt::format("{}{}={}", where.empty() ? "" : ", ", axis, text_of(value));
      fmt::print("{}{}\n", k == 0 ? "" : "\n", where);
    }
    Table table({"stage", "solver", "output", "value"});
    for (const Pipeline::StageResult& r : runs[k].pipeline->results()) {
      if (!r.ran) continue;
      if (!r.status.ok()) {
        table.add({r.id, r.solver, "error", r.status.error().message});
        continue;
      }
      for (const Record::Field& f : r.outputs) table.add({r.id, r.solver, f.name.str(), human(f.value)});
    }
    fmt::print("{}", table.render());
  }
}

int run_pipeline(Environment& env, const PipelineArgs& args) {
  int code = kOk;
  std::optional<Plan> p = plan(env, args, code);
  if (!p) return code;
  const std::string& name = p->spec.name;
  std::vector<PlannedRun>& runs = p->runs;

  TraceObserver tracer(runs.size());
  std::vector<PipelineObserver*> observers;
  if (args.trace) observers.push_back(&tracer);
  std::vector<Status> statuses;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    tracer.start_run(k);
    Session session(env.registry());
    statuses.push_back(runs[k].pipeline->run(session, observers));
    for (const Pipeline::StageResult& r : runs[k].pipeline->results())
      if (!env.json())
        for (const std::string& w : r.warnings) env.warn(fmt::format("stage '{}': {}", r.id, w));
    if (!statuses.back().ok()) code = std::max(code, exit_code_for(statuses.back().error()));
  }
  const bool swept = !runs.front().swept.empty();
  if (env.json()) {
    if (!swept) {
      fmt::print("{}\n", run_json(name, runs.front(), statuses.front(), false).dump(2));
    } else {
      Json all = Json::array();
      for (std::size_t k = 0; k < runs.size(); ++k) all.push_back(run_json(name, runs[k], statuses[k], true));
      fmt::print("{}\n", all.dump(2));
    }
  } else {
    print_tables(runs, statuses);
    for (const Status& s : statuses)
      if (!s.ok()) env.fail(s.error());
  }
  return code;
}

int check(Environment& env, const PipelineArgs& args) {
  int code = kOk;
  std::optional<Plan> p = plan(env, args, code);
  if (!p) return code;
  const std::string& name = p->spec.name;
  const std::vector<PlannedRun>& runs = p->runs;
  std::size_t stages = runs.front().pipeline->results().size();
  if (env.json()) {
    fmt::print("{}\n", Json({{"name", name}, {"ok", true}, {"stages", stages}, {"runs", runs.size()}}).dump());
  } else {
    fmt::print("ok: pipeline '{}': {} stages, {} run{}\n", name, stages, runs.size(), runs.size() == 1 ? "" : "s");
  }
  return kOk;
}

void add_common(CLI::App* cmd, PipelineArgs& args) {
  cmd->add_option("spec", args.file, "Pipeline JSON file")->required();
  cmd->add_option("--set", args.sets, "Set (or override) a pipeline input: name=value (repeatable)");
  cmd->add_option("--sweep", args.sweeps,
                  "Run once per value: name=v1,v2,... (repeatable: the cartesian product)");
}

}  // namespace

void add_pipeline_command(CLI::App& app, Environment& env, int& exit_code) {
  auto* pipeline = app.add_subcommand("pipeline", "Check or run a pipeline of solvers (JSON file)");
  pipeline->require_subcommand(1);
  auto args = std::make_shared<PipelineArgs>();

  auto* check_cmd = pipeline->add_subcommand("check", "Validate a pipeline without solving");
  add_common(check_cmd, *args);
  check_cmd->callback([&env, &exit_code, args] { exit_code = check(env, *args); });

  auto* run_cmd = pipeline->add_subcommand("run", "Check, then run a pipeline and print every stage's outputs");
  add_common(run_cmd, *args);
  run_cmd->add_flag("--trace", args->trace, "Print each stage's time to stderr");
  run_cmd->callback([&env, &exit_code, args] { exit_code = run_pipeline(env, *args); });
}

}  // namespace mlsysim::cli
