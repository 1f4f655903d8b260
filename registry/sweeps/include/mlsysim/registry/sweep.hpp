// SweepEngine: computes every combination of a SweepSpace (or a range of
// it, a shard) with a SweepTarget (a solver, or a pipeline), on several threads, and streams the rows it
// keeps to a SweepSink in enumeration order: output is byte-identical
// whatever the number of threads, and memory does not grow with the number
// of rows (each thread formats a bounded chunk; chunks are written in order).
//
// Search instead of listing (SweepSearch): `where` filters rows with an
// expression over outputs and inputs (`feasible && latency <= 50 ms`); `top`
// keeps the best K rows by one output; `pareto` keeps the rows no other row
// beats on every objective. Ties keep enumeration order. Dropped rows are
// never formatted; kept rows are solved again at the end to be written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/expression.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/sweep_space.hpp"
#include "mlsysim/registry/sweep_target.hpp"

namespace mlsysim {

// The columns that hold a row's warnings and notes (sinks write them last).
inline constexpr std::string_view kWarningsColumn = "warnings";
inline constexpr std::string_view kNotesColumn = "notes";

struct SweepSearch {
  std::string where;  // empty: keep every row
  std::size_t top = 0;
  std::string by;          // the output `top` ranks by
  bool descending = true;  // largest first
  std::vector<std::pair<std::string, bool>> pareto;  // (output, maximise)
};

// The most threads a sweep may use: 4 per core, at least 8. More only costs
// memory and thread handles (the engine keeps one worker per thread).
MLSYSIM_API std::size_t max_sweep_jobs();
// Threads for a request of `requested` (0: one per core), or an error naming
// `field` when it is negative or above max_sweep_jobs().
MLSYSIM_API Result<std::size_t> sweep_jobs(std::int64_t requested, std::string_view field);

struct SweepOptions {
  std::size_t jobs = 1;  // at most max_sweep_jobs(); more are clamped to it
  SweepIndex begin = 0;  // the index range solved: a shard of the space
  SweepIndex end = ~SweepIndex{0};
  std::size_t chunk_rows = 2048;  // per thread and round: bounds the memory held
  // Called on the calling thread between chunks of work (rows done, rows in range).
  std::function<void(SweepIndex, SweepIndex)> progress;
  // Polled on the calling thread between chunks (a few milliseconds of work):
  // true stops the sweep there, with every row written so far whole.
  std::function<bool()> should_stop;
};

// One solved row, as a sink formats it.
struct SweepRow {
  SweepIndex index;
  std::span<const std::uint64_t> position;  // value index on each axis
  const Record& outputs;
  std::span<const std::string> warnings;  // what the solve warned of (usually nothing)
  std::span<const std::string> notes = {};  // and noted (Context::note)
};

class MLSYSIM_API SweepSink {
 public:
  virtual ~SweepSink();
  // Appends one row's text to `out`; called concurrently from worker threads.
  virtual void format(const SweepRow& row, std::string& out) const = 0;
  // Writes formatted text, in enumeration order, from one thread.
  virtual void write(std::string_view text) = 0;
};

// A row the search keeps, with its keys (the `by` output, or the Pareto objectives).
struct SweepCandidate {
  SweepIndex index;
  std::vector<double> keys;  // minimised: maximised objectives are negated
};

// One distinct solve error, with the first combination that raised it.
struct SweepError {
  Error error;
  std::string first_combination;
  std::uint64_t count = 0;
};

// One distinct warning of the rows written, with the first row that raised it.
struct SweepWarning {
  std::string message;
  std::string first_combination;
  std::uint64_t count = 0;
};

struct SweepStats {
  std::uint64_t solved = 0;  // rows solved in the range
  std::uint64_t kept = 0;    // rows written
  bool stopped = false;      // should_stop() ended it early: the rows are a prefix (a search writes none)
  std::vector<SweepError> errors;
  std::vector<SweepWarning> warnings;  // of the rows written, each message once
  std::vector<SweepWarning> notes;     // the same for notes
};

class MLSYSIM_API SweepEngine {
 public:
  // Checks the search against the target's outputs and the axes (names,
  // dimensions of `where`); errors name the option. `target` must outlive
  // the engine.
  static Result<SweepEngine> create(const SweepTarget& target, SweepSpace space, SweepSearch search,
                                    std::vector<std::string> columns);

  const SweepSpace& space() const { return space_; }
  // Output positions written, in order.
  const std::vector<std::size_t>& columns() const { return columns_; }
  const std::vector<std::string>& column_names() const { return column_names_; }
  // Whether rows carry their warnings and notes as the last two columns:
  // unless the columns were chosen (--columns) without naming `warnings`.
  bool warnings_column() const { return warnings_column_; }
  bool searching() const { return search_.top > 0 || !search_.pareto.empty(); }

  // Lists (filtered) rows of the range to `sink`, or with top/pareto, writes
  // the kept rows of the range (best first for top; by index for pareto).
  SweepStats run(SweepSink& sink, const SweepOptions& options) const;

  // The search's candidates in the range (for combining ranges, e.g. MPI
  // ranks), and their combination: the final top K or Pareto front.
  std::vector<SweepCandidate> candidates(const SweepOptions& options, SweepStats& stats) const;
  std::vector<SweepCandidate> select(std::vector<SweepCandidate> candidates) const;
  // Solves the rows `indices` again and writes them in that order.
  std::uint64_t write_rows(std::span<const SweepCandidate> rows, SweepSink& sink,
                           std::vector<SweepWarning>* warnings = nullptr,
                           std::vector<SweepWarning>* notes = nullptr) const;

 private:
  SweepEngine() = default;
  struct Worker;
  struct Chunk;
  void process(Worker& w, Chunk& chunk, const SweepSink* sink) const;
  void for_each_chunk(const SweepOptions& options, SweepStats& stats,
                      const std::function<void(Chunk&)>& done, const SweepSink* sink,
                      std::deque<Worker>& workers) const;
  struct Operand;
  // An operand's value in this row (NaN for a null or non-numeric value).
  double operand(const Operand& op, const Record& outputs, std::span<const std::uint64_t> position) const;
  bool keep(const Record& outputs, std::span<const std::uint64_t> position, std::vector<double>& scratch) const;
  void keys(const Record& outputs, std::span<const std::uint64_t> position, std::vector<double>& out) const;

  const SweepTarget* target_ = nullptr;
  SweepSpace space_;
  SweepSearch search_;
  std::vector<std::size_t> columns_;
  std::vector<std::string> column_names_;
  bool warnings_column_ = true;
  // `where` and the ranking keys, compiled: each reference is an output position, an axis, or a constant.
  struct Operand {
    enum class Kind { kOutput, kAxis, kConstant } kind = Kind::kConstant;
    std::size_t slot = 0;  // output position or axis
    double constant = 0;
  };
  std::optional<Expression> where_;
  std::vector<Operand> where_operands_;
  std::vector<Operand> keys_;  // the --by output or axis, or the Pareto objectives
  std::vector<bool> maximise_;
};

}  // namespace mlsysim
