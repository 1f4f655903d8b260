// Name matching for people typing names: "did you mean" suggestions by
// edit distance, and case-insensitive matching where it is unambiguous.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

// Levenshtein distance, case-insensitive.
MLSYSIM_API std::size_t edit_distance(std::string_view a, std::string_view b);

// " (did you mean 'Llama3_8B'?)" for the closest candidates within a third
// of the name's length (at most 3 named), or "" when none is close.
MLSYSIM_API std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

// The one candidate equal to `name` ignoring case; nullopt if none or several.
MLSYSIM_API std::optional<std::string> unique_case_insensitive(std::string_view name,
                                                               const std::vector<std::string>& candidates);

}  // namespace mlsysim
