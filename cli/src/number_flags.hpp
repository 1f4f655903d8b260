// Numeric flags through one checked reader. A count is a whole number
// within its range; a real is a finite number within its range. Anything
// else — NaN, inf, -1 for a count (never wrapped to 2^64-1), 1.5 for a
// count, trailing text — is refused before the value is stored, with a
// message naming the flag, the value and the range.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace mlsysim::cli {

CLI::Option* add_count(CLI::App& command, const std::string& flags, std::int64_t& out, std::int64_t low,
                       std::int64_t high, const std::string& help);
CLI::Option* add_real(CLI::App& command, const std::string& flags, double& out, double low, double high,
                      const std::string& help);

// The most rows --top keeps (they are held in memory until the end).
inline constexpr std::int64_t kMaxTop = 1'000'000;

// What --jobs may be: 0 (every core) up to the sweep engine's bound.
CLI::Option* add_jobs(CLI::App& command, std::int64_t& out, const std::string& help);

}  // namespace mlsysim::cli
