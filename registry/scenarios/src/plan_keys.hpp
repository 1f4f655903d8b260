// The plan file's keys, once: checking a plan against them (unknown keys
// refused with the nearest known one, types and required keys), its JSON
// Schema, and the scorecard metrics assertions may name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/registry/scorecard.hpp"

namespace mlsysim::scenarios {

// A bad_input error naming the first problem's key ("hardware.nodes").
Status check_plan_keys(const Json& plan);

// The keys as a JSON Schema object (plan_schema() adds the header).
Json plan_json_schema();

// A scorecard figure in 0.1.0's display units (times in ms, memory in GB,
// booleans 1 or 0), or nullopt if it is not a number.
std::optional<double> display_number(std::string_view key, const Value& value);

// "no metric performance.lat: the scorecard has performance.latency, ..."
std::string unknown_metric(const std::string& metric, const Scorecard& card);

}  // namespace mlsysim::scenarios
