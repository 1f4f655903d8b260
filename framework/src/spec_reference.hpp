// Reading the specs an entry refers to: an id (looked up in the catalog,
// of the given kind) or an inline object of that kind. Errors name the
// field in full ("node.accelerator").
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "field_reader.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/spec.hpp"
#include "mlsysim/framework/spec_json.hpp"

namespace mlsysim::detail {

// A quantity field as zoo files hold it ({"value", "unit"}), null if absent.
template <class Q>
Json quantity_json(const Q& q) {
  return to_json(Value(q));
}
template <class Q>
Json quantity_json(const std::optional<Q>& q) {
  return q ? to_json(Value(*q)) : Json();
}

inline Json identity_json(const Spec& s) { return {{"id", s.id}, {"name", s.name}, {"aliases", s.aliases}}; }

inline Error nested(Error e, const std::string& at) {
  e.field = e.field.empty() ? at : at + "." + e.field;
  e.message = fmt::format("{}: {}", at, e.message);
  return e;
}

// The id, aliases, display name and provenance every kind shares. An inline
// entry may leave out its id (it is then named by `name`, or "inline").
inline void read_identity(FieldReader& top, Spec& spec, std::optional<Error>* error) {
  spec.id = top.string("id", false).value_or("");
  spec.aliases = top.strings("aliases");
  spec.name = top.string("name", false).value_or(spec.id);
  if (spec.id.empty()) spec.id = spec.name.empty() ? "inline" : spec.name;
  spec.provenance = read_provenance(top, error);
}

// `key` of `top`: an id of `kind` or an inline object; nullptr (no error)
// when absent and not required.
template <class T>
std::shared_ptr<const T> referenced(FieldReader& top, const char* key, const SpecKind& kind, const Catalog& catalog,
                                    bool required, std::optional<Error>* error) {
  if (*error) return nullptr;
  if (!top.has(key)) {
    if (required) top.fail(top.where(key), "is required");
    return nullptr;
  }
  const Json& j = top.child(key);
  Result<SpecRef> ref = j.is_string()   ? kind.from_id(j.get<std::string>(), catalog)
                        : j.is_object() ? kind.from_json(j, catalog)
                                        : Result<SpecRef>(Error::bad_input(
                                              top.where(key), fmt::format("expected a {} id or object", kind.name())));
  if (!ref.ok()) {
    Error e = ref.error();
    if (j.is_string()) e.field.clear();  // the id itself is what is wrong
    *error = nested(std::move(e), top.where(key));
    return nullptr;
  }
  return std::static_pointer_cast<const T>(*ref);
}

// A built-in kind (hardware, model) referenced by id or written inline:
// `look_up(id)` finds an id, `parse(json)` reads an inline object.
template <class T, class LookUp, class Parse>
std::shared_ptr<const T> referenced_builtin(FieldReader& top, const char* key, std::optional<Error>* error,
                                            LookUp look_up, Parse parse) {
  if (*error) return nullptr;
  if (!top.has(key)) {
    top.fail(top.where(key), "is required");
    return nullptr;
  }
  const Json& j = top.child(key);
  if (j.is_string()) {
    Result<std::shared_ptr<const T>> found = look_up(j.get<std::string>());
    if (found.ok()) return *found;
    Error e = found.error();
    e.field.clear();  // the id itself is what is wrong
    *error = nested(std::move(e), top.where(key));
    return nullptr;
  }
  Result<T> inline_spec = parse(j);
  if (inline_spec.ok()) return std::make_shared<const T>(std::move(inline_spec).value());
  *error = nested(inline_spec.error(), top.where(key));
  return nullptr;
}

// A hardware id or inline hardware object.
inline HardwareRef referenced_hardware(FieldReader& top, const char* key, const Catalog& catalog,
                                       std::optional<Error>* error) {
  return referenced_builtin<HardwareSpec>(
      top, key, error, [&](const std::string& id) { return catalog.hardware(id); },
      [](const Json& j) { return hardware_from_json(j); });
}

// A model id or inline model object.
inline ModelRef referenced_model(FieldReader& top, const char* key, const Catalog& catalog,
                                 std::optional<Error>* error) {
  return referenced_builtin<ModelSpec>(
      top, key, error, [&](const std::string& id) { return catalog.model(id); },
      [](const Json& j) { return model_from_json(j); });
}

}  // namespace mlsysim::detail
