// Writing a sweep: the sink for `-o` (a streamed table, csv, jsonl, json),
// the header and footer of the piece, the rows, then one line per distinct
// error (with the first combination that raised it) on stderr.
#pragma once

#include <memory>

#include "environment.hpp"
#include "mlsysim/registry/message_channel.hpp"
#include "mlsysim/registry/sweep_sinks.hpp"

namespace mlsysim::cli {

// --where, --top/--by/--asc and --pareto (NAME:min,NAME:max) as a search,
// or an error naming the option.
// The --over axes, every value decoded and checked for its port before
// anything is solved.
Result<std::vector<SweepAxis>> axes_from_overs(const Registry& registry, const SolverInfo& info,
                                               const std::vector<std::string>& overs);

Result<SweepSearch> search_from_options(const std::string& where, std::size_t top, const std::string& by,
                                        bool ascending, const std::string& pareto);

// The sink `-o` asks for, writing to stdout.
std::unique_ptr<TextSweepSink> make_sweep_sink(Environment& env, const SweepEngine& engine);
// Ends the sink (a table prints what it held), reports each distinct error
// once on stderr, and checks the writes; returns the exit code.
int finish_sweep(Environment& env, TextSweepSink& sink, const SweepStats& stats, bool last_piece,
                 const std::string& who = "");

// mpirun -n R: rank r solves the r-th contiguous piece; rank 0 writes its
// own rows, then each other rank's in rank order (listing), or merges every
// rank's --top/--pareto candidates and writes the result. Other ranks write
// nothing to stdout.
int write_sweep_distributed(Environment& env, const SweepEngine& engine, SweepOptions options,
                            MessageChannel& channel);

// `first_piece`: this writes the start of the whole output (a CSV header);
// `last_piece`: its end (a JSON list's bracket). Returns the exit code.
int write_sweep(Environment& env, const SweepEngine& engine, const SweepOptions& options, bool first_piece,
                bool last_piece = true);

}  // namespace mlsysim::cli
