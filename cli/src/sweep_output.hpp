// Writing a sweep: the sink for `-o` (a streamed table, csv, jsonl, json),
// the header and footer of the piece, the rows, then one line per distinct
// error (with the first combination that raised it) on stderr.
#pragma once

#include "environment.hpp"
#include "mlsysim/registry/sweep.hpp"

namespace mlsysim::cli {

// `first_piece`: this writes the start of the whole output (a CSV header);
// `last_piece`: its end (a JSON list's bracket). Returns the exit code.
int write_sweep(Environment& env, const SweepEngine& engine, const SweepOptions& options, bool first_piece,
                bool last_piece = true);

}  // namespace mlsysim::cli
