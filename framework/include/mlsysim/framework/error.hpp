// Errors are values. Nothing throws across a solver or plugin boundary: a
// failure is an `Error` with a code, the field it concerns and a message a
// person can act on ("batch_size must be an integer >= 1, got 0").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

enum class ErrorCode {
  kBadInput,     // a value is malformed, out of range, of the wrong kind or unit
  kUnknownName,  // a model, hardware, solver or port name that does not exist
  kInfeasible,   // the physics says no (e.g. out of memory with raise_errors)
  kPlugin,       // a plugin could not be loaded or misbehaved
  kInternal,     // a bug: an invariant of mlsysim itself was broken
};

// Stable lower-case spelling used on the wire: "bad_input", "unknown_name", ...
MLSYSIM_API std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string field;    // the input/port/file field concerned; empty if none
  std::string message;  // complete sentence, names the value and what was expected

  static Error bad_input(std::string field, std::string message) {
    return {ErrorCode::kBadInput, std::move(field), std::move(message)};
  }
  static Error unknown_name(std::string field, std::string message) {
    return {ErrorCode::kUnknownName, std::move(field), std::move(message)};
  }
  static Error infeasible(std::string field, std::string message) {
    return {ErrorCode::kInfeasible, std::move(field), std::move(message)};
  }
  static Error plugin(std::string message) { return {ErrorCode::kPlugin, {}, std::move(message)}; }
  static Error internal(std::string message) {
    return {ErrorCode::kInternal, {}, std::move(message)};
  }
};

// "bad_input: batch_size: batch_size must be >= 1, got 0"
MLSYSIM_API std::string describe(const Error& error);

// A value quoted in a message: `text` cut to at most `max_bytes` bytes at a
// UTF-8 character boundary, "..." appended when cut. Messages travel as JSON,
// so they must stay UTF-8 whatever the user typed.
MLSYSIM_API std::string excerpt(std::string_view text, std::size_t max_bytes);

// The whole UTF-8 character starting at byte `pos` of `text` (one byte if
// `text` is not UTF-8 there), for "found 'é'" in a parser's message.
MLSYSIM_API std::string_view character_at(std::string_view text, std::size_t pos);

// Success or an Error, for operations that produce nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace mlsysim
