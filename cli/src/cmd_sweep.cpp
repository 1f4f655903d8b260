// `mlsysim sweep SOLVER --over AXIS... [--set name=value] [--columns a,b]
// [--where EXPR] [--top K --by OUTPUT [--asc]] [--pareto OUT:min,OUT:max]
// [--jobs N] [--shard K/N] [--file PATH] [-o table|csv|jsonl|json]`: the cartesian product
// of the axes through the library's sweep engine, streamed.
#include <charconv>
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "human.hpp"
#include "number_flags.hpp"
#include "progress.hpp"
#include "mlsysim/registry/sweep_sinks.hpp"
#include "solve_printer.hpp"
#include "sweep_output.hpp"

namespace mlsysim::cli {
namespace {

struct SweepArgs {
  std::string solver;
  std::vector<std::string> overs, sets;
  std::string columns, where, by, pareto, shard, file;
  std::int64_t top = 0;
  bool ascending = false;
  std::int64_t jobs = 0;  // 0: every core
  double max_rows = 1e9;
};

Result<std::pair<SweepIndex, SweepIndex>> shard_range(const std::string& text, SweepIndex size) {
  // Two whole numbers, each all digits (no sign, no wrap), 1 <= K <= N <= 2^32.
  unsigned long long k = 0, n = 0;
  const std::size_t slash = text.find('/');
  const auto digits = [](std::string_view s, unsigned long long& out) {
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
  };
  const std::string_view t(text);
  if (slash == std::string::npos || !digits(t.substr(0, slash), k) || !digits(t.substr(slash + 1), n) || k == 0 ||
      k > n || n > (1ull << 32))
    return Error::bad_input("--shard", fmt::format("--shard '{}': expected K/N with 1 <= K <= N <= 2^32", text));
  // Contiguous pieces in enumeration order, so shards 1..N concatenate into the whole.
  const auto bound = [&](unsigned long long i) { return size / n * i + size % n * i / n; };
  return std::pair{bound(k - 1), bound(k)};
}

int run_sweep(Environment& env, const SweepArgs& args) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(args.solver);
  if (solver == nullptr) return env.fail(registry.unknown_solver(args.solver));
  const SolverInfo& info = solver->info();
  Result<Record> fixed = inputs_from_sets(registry, info, args.sets);
  if (!fixed.ok()) return env.fail(fixed.error());
  Result<std::vector<SweepAxis>> axes = axes_from_overs(registry, info, args.overs);
  if (!axes.ok()) return env.fail(axes.error());
  SweepSpace space(std::move(*axes));
  const std::optional<SweepIndex> size = space.size();
  if (!size || static_cast<long double>(*size) > static_cast<long double>(args.max_rows))
    return env.fail(Error::bad_input("--max-rows", fmt::format(
        "the sweep has {} combinations, more than the bound of {:.0f}; raise it with --max-rows",
        size ? count_text(*size) : std::string("more than 2^128"), args.max_rows)));
  Result<SweepSearch> search = search_from_options(args.where, static_cast<std::size_t>(args.top), args.by, args.ascending, args.pareto);
  if (!search.ok()) return env.fail(search.error());
  const SolverTarget target(registry, *solver, std::move(*fixed));
  Result<SweepEngine> engine = SweepEngine::create(target, std::move(space), std::move(*search),
                                                   args.columns.empty() ? std::vector<std::string>{} : split_list(args.columns));
  if (!engine.ok()) return env.fail(engine.error());

  SweepOptions options;
  options.jobs = sweep_jobs(args.jobs, "--jobs").value();  // the flag's range is the same rule
  bool whole = true;
  if (!args.shard.empty()) {
    Result<std::pair<SweepIndex, SweepIndex>> range = shard_range(args.shard, *size);
    if (!range.ok()) return env.fail(range.error());
    std::tie(options.begin, options.end) = *range;
    whole = args.shard.starts_with("1/");
    if (env.output() == "json")
      return env.fail(Error::bad_input("--shard", "--shard pieces join as csv or jsonl, not json"));
  }
  if (launched_by_mpi()) {
    Result<std::unique_ptr<MessageChannel>> channel = open_mpi_channel();
    if (!channel.ok()) return env.fail(channel.error());
    if ((*channel)->size() > 1) {
      if (!args.shard.empty())
        return env.fail(Error::bad_input("--shard", "--shard and mpirun both split the space; use one"));
      return write_sweep_distributed(env, *engine, options, **channel, args.file);
    }
  }
  Progress progress(env, "rows");
  options.progress = [&progress](std::uint64_t done, std::uint64_t total) { progress(done, total); };
  return write_sweep(env, *engine, options, whole, true, args.file);
}

}  // namespace

void add_sweep_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand("sweep", "Solve every combination of the axes (streamed; search with --where/--top/--pareto)");
  cmd->add_option("solver", args->solver, "Solver name (contract or contract:variant)")->required();
  cmd->add_option("--over", args->overs,
                  "An axis (repeatable; the cartesian product): name=a,b,c | name=1..1024 | "
                  "name=1..1024:*2 | name=0.1..0.9:+0.2 | name=* (every zoo entry) | name=@FILE");
  cmd->add_option("--set", args->sets, "Fixed input name=value (repeatable)");
  cmd->add_option("--columns", args->columns, "Outputs to write, comma-separated (default: all)");
  cmd->add_option("--where", args->where, "Keep rows where EXPR holds, e.g. 'feasible && latency <= 50 ms'");
  add_count(*cmd, "--top", args->top, 0, kMaxTop, "Keep the best K rows by --by");
  cmd->add_option("--by", args->by, "The output --top ranks by (largest first unless --asc)");
  cmd->add_flag("--asc,!--desc", args->ascending, "With --top: smallest first (--desc: largest first, the default)");
  cmd->add_option("--pareto", args->pareto, "Keep the Pareto front: OUTPUT:min,OUTPUT:max,...");
  add_jobs(*cmd, args->jobs, "Threads (default: every core); output is the same for any N");
  cmd->add_option("--shard", args->shard, "Solve the K-th of N contiguous pieces (K/N, 1-based)");
  cmd->add_option("--file", args->file, kSweepFileHelp);
  add_real(*cmd, "--max-rows", args->max_rows, 1, 1e30, "Refuse sweeps with more combinations (default 1e9)");
  cmd->callback([args, &env, &exit_code] { exit_code = run_sweep(env, *args); });
}

}  // namespace mlsysim::cli
