// YAML documents as JSON (plan files are YAML; everything else reads JSON):
// a quoted scalar is a string; a plain one is null, a boolean, an integer,
// a finite number or else a string, as YAML 1.2's core schema reads it.
#pragma once

#include <string_view>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim::scenarios {

// The document in `text`, or a bad_input error naming `field` with the line
// and column of the YAML error.
Result<Json> yaml_to_json(std::string_view text, std::string_view field);

}  // namespace mlsysim::scenarios
