// The JSON-lines batch protocol (README.md, "Batch protocol").
//
// Request, one per line:  {"id": ..., "solver": "roofline", "inputs": {...}}
// Response, one per non-empty request line, in order, id echoed:
//   {"id": ..., "solver": ..., "outputs": {...}[, "warnings": [...]]}
//   {"id": ..., "solver": ..., "error": {"code", "field", "message"}}
// A line that is not a JSON object gets an error response with id null and
// the line number in the message. Outputs are in base units.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

struct BatchStats {
  std::size_t requests = 0;
  std::size_t errors = 0;
};

// Not thread-safe: a runner reuses one output record across requests, so
// answering a request allocates nothing for the outputs.
class MLSYSIM_API BatchRunner {
 public:
  explicit BatchRunner(const Registry& registry) : registry_(registry) {}

  // Answers one non-empty request line: appends one response line
  // (terminated by '\n') to `out`. Returns false if the response is an error.
  bool handle_line(std::string_view line, std::size_t line_number, std::string& out);

  // Reads requests until EOF, writing responses as it goes.
  BatchStats run(std::istream& in, std::ostream& out);

 private:
  const Registry& registry_;
  Record outputs_;  // reused by every request
};

}  // namespace mlsysim
