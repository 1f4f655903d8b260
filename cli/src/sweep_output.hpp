// Writing a sweep: the sink for `-o` (a streamed table, csv, jsonl, json),
// the header and footer of the piece, the rows, then one line per distinct
// error (with the first combination that raised it) on stderr.
#pragma once

#include <memory>
#include <string>

#include "atomic_file.hpp"

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

// Where the rows go: stdout, or the `--file` PATH written through a
// StagedFile (it appears only when the sweep completes; an interrupted one
// leaves PATH.partial).
class SweepDestination {
 public:
  // An error naming --file, or empty. An empty path is stdout.
  std::string open(const std::string& path);
  std::FILE* stream() const { return staged_ ? staged_->stream() : stdout; }
  // After the footer: PATH renamed into place (an error message or empty).
  std::string commit() { return staged_ ? staged_->commit() : std::string(); }
  // After an interrupt: what the stderr note says about the rows so far.
  std::string keep_partial();

 private:
  std::unique_ptr<StagedFile> staged_;
};

inline constexpr const char* kSweepFileHelp =
    "Write the rows to PATH, which appears only when the sweep completes (interrupted: PATH.partial)";

// The sink `-o` asks for, writing to `destination`.
std::unique_ptr<TextSweepSink> make_sweep_sink(Environment& env, const SweepEngine& engine, std::FILE* destination);
// Ends the sink (a table prints what it held), reports the rows that failed
// (report_row_errors), checks the writes and commits the destination; returns
// the exit code.
// The rows that failed, on stderr: the first few distinct errors, each with
// its count and first combination, then how many more; the exit code they mean.
int report_row_errors(const std::vector<SweepError>& errors, const std::string& who);
// What the written rows warned of and noted, on stderr, each message once:
// how many of the rows carried it and the first combination that did.
void report_row_warnings(const SweepStats& stats, const std::string& who);

int finish_sweep(TextSweepSink& sink, SweepDestination& destination, const SweepStats& stats, bool last_piece,
                 const std::string& who = "");

// mpirun -n R: rank r solves the r-th contiguous piece; rank 0 writes its
// own rows, then each other rank's in rank order (listing), or merges every
// rank's --top/--pareto candidates and writes the result. Other ranks write
// nothing to stdout.
int write_sweep_distributed(Environment& env, const SweepEngine& engine, SweepOptions options,
                            MessageChannel& channel, const std::string& file = "");

// `first_piece`: this writes the start of the whole output (a CSV header);
// `last_piece`: its end (a JSON list's bracket). `file`: --file, or empty
// for stdout. Returns the exit code.
int write_sweep(Environment& env, const SweepEngine& engine, const SweepOptions& options, bool first_piece,
                bool last_piece = true, const std::string& file = "");

}  // namespace mlsysim::cli
