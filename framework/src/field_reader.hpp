// FieldReader: reads the fields of one JSON object of a spec file (zoo
// entries and inline specs), remembering the first error with the field's
// path ("node.intra_node_bw"). Quantities need a unit; counts and numbers
// must not be negative.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/provenance.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {

// Reads fields of one JSON object, remembering the first error with its path.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string path, std::optional<Error>* error)
      : object_(object), path_(std::move(path)), error_(error) {
    if (!object_.is_object()) fail(path_.empty() ? "(top level)" : path_, "expected an object");
  }

  bool has(const char* key) const {
    return object_.is_object() && object_.contains(key) && !object_[key].is_null();
  }

  std::optional<Quantity> quantity(const char* key, Dimension dim, bool required) {
    if (!has(key)) return missing<Quantity>(key, required);
    const Json& j = object_[key];
    // Specs add one rule to quantity_from_json's: a unit is required, since
    // a zoo file's bare number would be ambiguous to its readers.
    if (!j.is_string() && !j.is_object()) {
      fail(where(key), fmt::format("expected a quantity string such as \"1 {}\"", dim.unit_symbol()));
      return std::nullopt;
    }
    Result<Quantity> q = quantity_from_json(j, dim, where(key));
    if (!q.ok()) {
      if (!*error_) *error_ = q.error();
      return std::nullopt;
    }
    if (q->value < 0) {
      fail(where(key), "must not be negative");
      return std::nullopt;
    }
    return *q;
  }
  template <class Q>
  std::optional<Q> typed(const char* key, bool required) {
    auto q = quantity(key, DimensionOf<Q>, required);
    if (!q) return std::nullopt;
    return Q::from_value(q->value);
  }

  std::optional<std::string> string(const char* key, bool required) {
    if (!has(key)) return missing<std::string>(key, required);
    if (!object_[key].is_string()) {
      fail(where(key), "expected a string");
      return std::nullopt;
    }
    return object_[key].get<std::string>();
  }

  std::optional<double> number(const char* key, bool required) {
    if (!has(key)) return missing<double>(key, required);
    const Json& j = object_[key];
    if (!j.is_number() || !std::isfinite(j.get<double>()) || j.get<double>() < 0) {
      fail(where(key), "expected a non-negative number");
      return std::nullopt;
    }
    return j.get<double>();
  }

  // Any finite number (a latitude may be negative).
  std::optional<double> signed_number(const char* key, bool required) {
    if (!has(key)) return missing<double>(key, required);
    const Json& j = object_[key];
    if (!j.is_number() || !std::isfinite(j.get<double>())) {
      fail(where(key), "expected a number");
      return std::nullopt;
    }
    return j.get<double>();
  }

  std::optional<std::int64_t> integer(const char* key, bool required) {
    if (!has(key)) return missing<std::int64_t>(key, required);
    const Json& j = object_[key];
    if (!j.is_number_integer() || j.get<std::int64_t>() < 0) {
      fail(where(key), "expected a non-negative integer");
      return std::nullopt;
    }
    return j.get<std::int64_t>();
  }

  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    if (!has(key)) return out;
    const Json& j = object_[key];
    if (!j.is_array()) {
      fail(where(key), "expected a list of strings");
      return out;
    }
    for (const Json& e : j) {
      if (!e.is_string()) {
        fail(where(key), "expected a list of strings");
        return {};
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }

  const Json& child(const char* key) const { return object_[key]; }
  std::string where(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  void fail(const std::string& field, const std::string& what) {
    if (!*error_) *error_ = Error::bad_input(field, fmt::format("{}: {}", field, what));
  }

 private:
  template <class T>
  std::optional<T> missing(const char* key, bool required) {
    if (required) fail(where(key), "is required");
    return std::nullopt;
  }

  const Json& object_;
  std::string path_;
  std::optional<Error>* error_;
};

inline Provenance read_provenance(FieldReader& top, std::optional<Error>* error) {
  Provenance p;
  if (!top.has("provenance")) return p;
  FieldReader r(top.child("provenance"), "provenance", error);
  p.source = r.string("source", false).value_or("");
  p.source_url = r.string("source_url", false).value_or("");
  p.last_verified = r.string("last_verified", false).value_or("");
  return p;
}

}  // namespace mlsysim
