// JSON at the edges. Decoding turns request/pipeline JSON into Values for a
// declared port (numbers, unit strings, {"value", "unit"} objects, zoo ids or
// inline specs); encoding writes Values in base units as
// {"value": v, "unit": "B/s"}, with non-finite numbers as "inf"/"-inf"/"nan".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

// Ordered, so zoo order (e.g. of precision_flops) survives a round trip.
using Json = nlohmann::ordered_json;

// Parses JSON text, refusing nesting deeper than `max_depth` before the
// parser sees it (deep nesting would exhaust the stack) and naming what is
// wrong ("nested deeper than 256 levels", "not valid JSON at byte 12").
MLSYSIM_API Result<Json> parse_json(std::string_view text, std::size_t max_depth = 256);

// The raw text of the top-level member `key` of `object_text`, which must
// already have parsed as a JSON object; nullopt if absent (or if the key is
// spelled with escapes). Lets a reply echo a request's id byte for byte
// (parsing rounds integers beyond 64 bits).
MLSYSIM_API std::optional<std::string_view> raw_member(std::string_view object_text,
                                                       std::string_view key);

// A JSON value for `port`. Hardware/model ports take a zoo id (looked up in
// `catalog`) or an inline spec object in the zoo file format.
MLSYSIM_API Result<Value> decode_value(const Json& json, const PortInfo& port,
                                       const Catalog& catalog);

// The one rule for a quantity in JSON, wherever JSON is read (requests,
// specs, pipelines, the measured corpus): a string with its unit
// ("3 GB/s"), a bare number in base units (of `expected`; dimensionless when
// `expected` is empty), or {"value": 3, "unit": "GB/s"} with exactly those
// two keys. The value must be finite and, given `expected`, of that
// dimension; the error names `field`, what was given and what was expected.
MLSYSIM_API Result<Quantity> quantity_from_json(const Json& json, std::optional<Dimension> expected,
                                                std::string_view field);

// A command-line text value for `port` ("8", "fp16", "3 GB/s", "A100", "true").
MLSYSIM_API Result<Value> decode_text(std::string_view text, const PortInfo& port,
                                      const Catalog& catalog);

// A JSON object of inputs for `info`'s solver; a key the solver does not
// declare is an error naming it.
MLSYSIM_API Result<Record> decode_inputs(const Json& object, const SolverInfo& info,
                                         const Catalog& catalog);

// Appends compact JSON text. Hardware/model values are written as their id.
MLSYSIM_API void append_json(std::string& out, const Value& value);
MLSYSIM_API void append_json(std::string& out, const Record& record);  // an object
MLSYSIM_API void append_json_string(std::string& out, std::string_view text);
// A JSON array of strings: ["...", ...].
MLSYSIM_API void append_json_strings(std::string& out, std::span<const std::string> items);
// {"code": ..., "field": ... or null, "message": ...}
MLSYSIM_API void append_json(std::string& out, const Error& error);

// Writes the members of one JSON object whose names may be dotted: members
// that share a prefix and follow each other become one nested object, so
// outputs "node_profile.latency", "node_profile.feasible" are written as
// {"node_profile": {"latency": ..., "feasible": ...}}. (Contracts declare
// such outputs together; a prefix that comes back later would repeat a key.)
class MLSYSIM_API NestedJsonWriter {
 public:
  explicit NestedJsonWriter(std::string& out);  // writes '{'
  void member(std::string_view name, const Value& value);
  void finish();  // closes what is open, then '}'

 private:
  void close_to(std::size_t depth);
  std::string& out_;
  std::vector<std::string_view> open_;  // the nested objects written into, outermost first
  std::vector<bool> first_;             // per level: no member written yet
};

// The same encoding as a Json value (for building larger documents).
MLSYSIM_API Json to_json(const Value& value);
MLSYSIM_API Json to_json(const Record& record);

}  // namespace mlsysim
