// TableKind<S>: a SpecKind whose numeric fields are a table of get/set pairs
// over base-unit doubles, plus children (the specs it refers to, whose
// fields are reached through "child.field"). A node's accelerator is a
// hardware child, reached through spec_fields.hpp.
#pragma once

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/spec.hpp"
#include "mlsysim/framework/spec_fields.hpp"

namespace mlsysim::detail {

template <class S>
struct OwnField {
  const char* path;
  Dimension dimension;
  bool integer;
  std::function<std::optional<double>(const S&)> get;
  std::function<void(S&, double)> set;
};

// A spec this one refers to: its kind and how to read or replace it.
template <class S>
struct ChildSpec {
  const char* name;
  const SpecKind& (*kind)();
  std::function<SpecRef(const S&)> get;
  std::function<void(S&, SpecRef)> set;
};

template <class S>
class TableKind : public SpecKind {
 public:
  std::vector<SpecFieldInfo> fields() const override {
    std::vector<SpecFieldInfo> out;
    for (const OwnField<S>& f : own()) out.push_back({f.path, f.dimension, f.integer});
    for (const ChildSpec<S>& c : children())
      for (SpecFieldInfo f : c.kind().fields()) out.push_back({std::string(c.name) + "." + f.path, f.dimension, f.integer});
    if (hardware_child()) out.push_back({std::string(hardware_child()) + ".<hardware field>", Dimension{}, false});
    return out;
  }

  Result<SpecFieldInfo> field(std::string_view path) const override {
    if (const OwnField<S>* f = find_own(path)) return SpecFieldInfo{f->path, f->dimension, f->integer};
    if (auto [child, rest] = find_child(path); child != nullptr) {
      Result<SpecFieldInfo> inner = child->kind().field(rest);
      if (!inner.ok()) return inner.error();
      return SpecFieldInfo{std::string(child->name) + "." + inner->path, inner->dimension, inner->integer};
    }
    if (std::string_view rest = hardware_rest(path); !rest.empty()) {
      Result<SpecFieldInfo> inner = hardware_field(rest);
      if (!inner.ok()) return inner.error();
      return SpecFieldInfo{std::string(hardware_child()) + "." + inner->path, inner->dimension, inner->integer};
    }
    return unknown(path);
  }

  Result<double> read_field(const Spec& base, std::string_view path) const override {
    const S& spec = static_cast<const S&>(base);
    if (const OwnField<S>* f = find_own(path)) {
      if (std::optional<double> v = f->get(spec)) return *v;
      return Error::bad_input(std::string(name()), fmt::format("{} '{}' has no {}", name(), spec.id, path));
    }
    if (auto [child, rest] = find_child(path); child != nullptr) {
      SpecRef ref = child->get(spec);
      if (!ref) return Error::bad_input(std::string(name()), fmt::format("{} '{}' has no {}", name(), spec.id, child->name));
      return child->kind().read_field(*ref, rest);
    }
    if (std::string_view rest = hardware_rest(path); !rest.empty()) return mlsysim::read_field(*hardware_of(spec), rest);
    return unknown(path);
  }

  Result<SpecRef> with_field(const Spec& base, std::string_view path, double value) const override {
    auto copy = std::make_shared<S>(static_cast<const S&>(base));
    if (const OwnField<S>* f = find_own(path)) {
      f->set(*copy, f->integer ? std::round(value) : value);
      return SpecRef(std::move(copy));
    }
    if (auto [child, rest] = find_child(path); child != nullptr) {
      SpecRef ref = child->get(*copy);
      if (!ref) return Error::bad_input(std::string(name()), fmt::format("{} '{}' has no {}", name(), copy->id, child->name));
      Result<SpecRef> changed = child->kind().with_field(*ref, rest, value);
      if (!changed.ok()) return changed.error();
      child->set(*copy, *changed);
      return SpecRef(std::move(copy));
    }
    if (std::string_view rest = hardware_rest(path); !rest.empty()) {
      auto hardware = std::make_shared<HardwareSpec>(*hardware_of(*copy));
      if (Status s = mlsysim::write_field(*hardware, rest, value); !s.ok()) return s.error();
      set_hardware(*copy, std::move(hardware));
      return SpecRef(std::move(copy));
    }
    return unknown(path);
  }

 protected:
  virtual const std::vector<OwnField<S>>& own() const = 0;
  virtual const std::vector<ChildSpec<S>>& children() const {
    static const std::vector<ChildSpec<S>> none;
    return none;
  }
  // The member naming a hardware spec ("accelerator"), if the kind has one.
  virtual const char* hardware_child() const { return nullptr; }
  virtual HardwareRef hardware_of(const S&) const { return nullptr; }
  virtual void set_hardware(S&, HardwareRef) const {}

 private:
  const OwnField<S>* find_own(std::string_view path) const {
    for (const OwnField<S>& f : own())
      if (path == f.path) return &f;
    return nullptr;
  }
  std::pair<const ChildSpec<S>*, std::string_view> find_child(std::string_view path) const {
    for (const ChildSpec<S>& c : children()) {
      const std::string_view prefix(c.name);
      if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix && path[prefix.size()] == '.')
        return {&c, path.substr(prefix.size() + 1)};
    }
    return {nullptr, {}};
  }
  std::string_view hardware_rest(std::string_view path) const {
    const char* h = hardware_child();
    if (h == nullptr) return {};
    const std::string_view prefix(h);
    if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix && path[prefix.size()] == '.')
      return path.substr(prefix.size() + 1);
    return {};
  }
  Error unknown(std::string_view path) const {
    std::string known;
    for (const SpecFieldInfo& f : fields()) known += (known.empty() ? "" : ", ") + f.path;
    return Error::unknown_name(std::string(name()),
                               fmt::format("{} has no numeric field '{}' (fields: {})", name(), path, known));
  }
};

}  // namespace mlsysim::detail
