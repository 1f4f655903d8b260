#include "mlsysim/registry/knob.hpp"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "mlsysim/framework/spec_fields.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {
namespace {

std::string numeric_inputs(const SolverInfo& info) {
  std::string out;
  for (const PortInfo& p : info.inputs()) {
    std::string name;
    if (p.kind == ValueKind::kNumber || p.kind == ValueKind::kInteger || p.kind == ValueKind::kQuantity)
      name = p.name.str();
    else if (p.kind == ValueKind::kHardware || p.kind == ValueKind::kModel || p.spec_kind != nullptr)
      name = p.name.str() + ".<field>";
    if (!name.empty()) out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace

Result<Knob> Knob::resolve(const SolverInfo& info, std::string_view path) {
  Knob k;
  k.path_ = path;
  const std::size_t dot = path.find('.');
  const PortInfo* port = info.find_input(path.substr(0, dot));
  auto not_numeric = [&] {
    return Error::bad_input(std::string(path),
                            fmt::format("'{}' is not a numeric input of {} (numeric: {})", path,
                                        info.full_name(), numeric_inputs(info)));
  };
  if (port == nullptr) return not_numeric();
  k.port_ = port;
  if (dot == std::string_view::npos) {
    if (port->kind != ValueKind::kNumber && port->kind != ValueKind::kInteger &&
        port->kind != ValueKind::kQuantity)
      return not_numeric();
    k.dimension_ = port->dimension;
    k.integer_ = port->kind == ValueKind::kInteger;
    return k;
  }
  k.field_ = path.substr(dot + 1);
  Result<SpecFieldInfo> field = Error::internal("unset");
  if (port->kind == ValueKind::kHardware) field = hardware_field(k.field_);
  else if (port->kind == ValueKind::kModel) field = model_field(k.field_);
  else if (port->spec_kind != nullptr) field = port->spec_kind->field(k.field_);
  else return not_numeric();
  if (!field.ok()) {
    Error e = field.error();
    e.field = std::string(path);
    return e;
  }
  k.dimension_ = field->dimension;
  k.integer_ = field->integer;
  return k;
}

Result<double> Knob::read(const Record& inputs) const {
  const Value* v = inputs.find(port_->name);
  if (v == nullptr || v->is_null()) v = port_->required || port_->optional ? nullptr : &port_->default_value;
  if (v == nullptr)
    return Error::bad_input(port_->name.str(), fmt::format("'{}' needs input '{}' to be given",
                                                           path_, port_->name.view()));
  if (field_.empty()) {
    if (const double* d = v->if_number()) return *d;
    if (const std::int64_t* i = v->if_integer()) return static_cast<double>(*i);
    if (const Quantity* q = v->if_quantity()) return q->value;
  } else if (const HardwareRef* h = v->if_hardware()) {
    return read_field(**h, field_);
  } else if (const ModelRef* m = v->if_model()) {
    return read_field(**m, field_);
  } else if (const SpecRef* s = v->if_spec()) {
    return (*s)->kind().read_field(**s, field_);
  }
  return Error::bad_input(port_->name.str(), fmt::format("input '{}' is {}, not a number",
                                                         port_->name.view(), v->describe()));
}

Status Knob::write(Record& inputs, double value) const {
  if (!std::isfinite(value))
    return Error::bad_input(path_, fmt::format("{} would be {}", path_, value));
  if (field_.empty()) {
    if (port_->kind == ValueKind::kInteger)
      inputs.set(port_->name, Value(static_cast<std::int64_t>(std::llround(value))));
    else if (port_->kind == ValueKind::kQuantity)
      inputs.set(port_->name, Value(Quantity{value, port_->dimension}));
    else
      inputs.set(port_->name, Value(value));
    return {};
  }
  const Value* v = inputs.find(port_->name);
  if (v == nullptr)
    return Error::bad_input(port_->name.str(), fmt::format("'{}' needs input '{}' to be given",
                                                           path_, port_->name.view()));
  if (const HardwareRef* h = v->if_hardware()) {
    auto copy = std::make_shared<HardwareSpec>(**h);
    if (Status s = write_field(*copy, field_, value); !s.ok()) return s;
    inputs.set(port_->name, Value(HardwareRef(std::move(copy))));
    return {};
  }
  if (const ModelRef* m = v->if_model()) {
    auto copy = std::make_shared<ModelSpec>(**m);
    if (Status s = write_field(*copy, field_, value); !s.ok()) return s;
    inputs.set(port_->name, Value(ModelRef(std::move(copy))));
    return {};
  }
  if (const SpecRef* s = v->if_spec()) {
    Result<SpecRef> changed = (*s)->kind().with_field(**s, field_, value);
    if (!changed.ok()) return changed.error();
    inputs.set(port_->name, Value(std::move(changed).value()));
    return {};
  }
  return Error::bad_input(port_->name.str(), fmt::format("input '{}' is not a spec", port_->name.view()));
}

Result<double> Knob::parse(std::string_view text) const {
  Result<Quantity> q = parse_quantity_as(text, dimension_, path_);
  if (!q.ok()) return q.error();
  return q->value;
}

std::string Knob::format(double value) const {
  if (integer_) return fmt::format("{}", static_cast<long long>(std::llround(value)));
  if (dimension_.dimensionless()) return fmt::format("{:.6g}", value);
  return fmt::format("{:.6g} {}", value, dimension_.unit_symbol());
}

}  // namespace mlsysim
