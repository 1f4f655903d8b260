// Parity with MLSys·im 0.1.0: a response compared with a reference case
// (corpus.hpp), field by field. Numbers match to 1e-9 relative (exactly for
// 0, inf and nan), quantities also by unit, strings and booleans exactly;
// an expected error matches by code (0.1.0's OOMError is `infeasible`, every
// other exception `bad_input`) and must name a field; warnings match by
// count where the case records them (their wording is ours, reference/physics.md).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

struct CaseParity {
  std::vector<std::string> differences;  // empty: the case matches
  std::size_t fields = 0;                // compared (outputs, or 1 for an error)
  std::size_t fields_matched = 0;
  double worst_relative = 0;             // largest relative difference of a number
  std::string worst_field;
};

// `response` is a batch-protocol answer: {"outputs", "warnings"} or
// {"error": {"code", "field", ...}}. Outputs the case does not list are
// differences unless named in `extra_outputs` (a variant's own additions).
MLSYSIM_API CaseParity compare_with_reference(const ReferenceCase& reference, const Json& response,
                                              std::span<const std::string> extra_outputs = {});

// Solves the case with `solver` (the case's own solver when empty) and
// compares; outputs beyond the case's are not differences here.
MLSYSIM_API CaseParity check_reference_case(const Registry& registry, const ReferenceCase& reference,
                                            std::string_view solver = {});

}  // namespace mlsysim
