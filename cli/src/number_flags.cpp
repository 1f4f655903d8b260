#include "number_flags.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "mlsysim/registry/sweep.hpp"

namespace mlsysim::cli {
namespace {

// The text as a whole number, or nullopt (anything left over, or out of int64).
std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

// The text as a finite number, or nullopt.
std::optional<double> finite_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

CLI::Option* add_count(CLI::App& command, const std::string& flags, std::int64_t& out, std::int64_t low,
                       std::int64_t high, const std::string& help) {
  const CLI::Validator in_range(
      [low, high](std::string& text) -> std::string {
        const std::optional<std::int64_t> v = whole_number(text);
        if (v && *v >= low && *v <= high) return {};
        return fmt::format("'{}' is not a whole number from {} to {}", text, low, high);
      },
      fmt::format("INT in [{}, {}]", low, high));
  return command.add_option(flags, out, help)->check(in_range);
}

CLI::Option* add_real(CLI::App& command, const std::string& flags, double& out, double low, double high,
                      const std::string& help) {
  const CLI::Validator in_range(
      [low, high](std::string& text) -> std::string {
        const std::optional<double> v = finite_number(text);
        if (v && *v >= low && *v <= high) return {};
        return fmt::format("'{}' is not a finite number from {} to {}", text, low, high);
      },
      fmt::format("NUMBER in [{}, {}]", low, high));
  return command.add_option(flags, out, help)->check(in_range);
}

CLI::Option* add_jobs(CLI::App& command, std::int64_t& out, const std::string& help) {
  return add_count(command, "--jobs,-j", out, 0, static_cast<std::int64_t>(max_sweep_jobs()), help);
}

}  // namespace mlsysim::cli
