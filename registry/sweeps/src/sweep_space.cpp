#include "mlsysim/registry/sweep_space.hpp"
#include "mlsysim/framework/text_file.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/registry/knob.hpp"

namespace mlsysim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error axis_error(std::string_view axis, std::string message) {
  return Error::bad_input(std::string(axis), fmt::format("axis '{}': {}", axis, message));
}

// "1 GB/s" -> (magnitude in base units, unit text "GB/s", factor of that unit).
struct Endpoint {
  double base;
  std::string unit;
  double factor;
};

Result<Endpoint> endpoint(std::string_view text, const PortInfo& port) {
  text = trim(text);
  if (port.kind != ValueKind::kQuantity) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
      return Error::bad_input(port.name.str(), fmt::format("'{}' is not a number", text));
    return Endpoint{v, "", 1.0};
  }
  Result<Quantity> q = parse_quantity(text, port.name.view());
  if (!q.ok()) return q.error();
  if (q->dimension != port.dimension)
    return Error::bad_input(port.name.str(), fmt::format("'{}' is {} ({}), expected {} ({})", text,
                                                         q->dimension.description(), q->dimension.unit_symbol(),
                                                         port.dimension.description(), port.dimension.unit_symbol()));
  const std::size_t space = text.find_first_of(" \t");
  std::string unit = space == std::string_view::npos ? "" : std::string(trim(text.substr(space)));
  double factor = 1.0;
  if (!unit.empty()) {
    Result<Unit> u = parse_unit(unit, port.name.view());
    if (!u.ok()) return u.error();
    factor = u->factor;
  }
  return Endpoint{q->value, unit, factor};
}

// "a..b[:*k|:+k]" as a range computed on demand.
Result<SweepAxis::Range> parse_range(std::string_view axis, std::string_view text, const PortInfo& port) {
  const std::size_t dots = text.find("..");
  std::string_view step_text;
  std::string_view rest = text.substr(dots + 2);
  if (const std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    step_text = trim(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  Result<Endpoint> from = endpoint(text.substr(0, dots), port);
  Result<Endpoint> to = endpoint(rest, port);
  if (!from.ok()) return axis_error(axis, from.error().message);
  if (!to.ok()) return axis_error(axis, to.error().message);
  SweepAxis::Range r;
  r.geometric = !step_text.empty() && step_text.front() == '*';
  if (!step_text.empty()) {
    if (step_text.front() != '*' && step_text.front() != '+')
      return axis_error(axis, fmt::format("step '{}': expected *FACTOR or +INCREMENT", step_text));
    Result<Endpoint> s = r.geometric ? endpoint(step_text.substr(1), PortInfo{}) : endpoint(step_text.substr(1), port);
    if (!s.ok()) return axis_error(axis, s.error().message);
    r.step = s->base;
  }
  if (!(r.geometric ? r.step > 1.0 : r.step > 0.0) || !std::isfinite(r.step))
    return axis_error(axis, fmt::format("range '{}' never ends: the step must be {}", text,
                                        r.geometric ? "a factor > 1" : "> 0"));
  if (r.geometric && !(from->base > 0))
    return axis_error(axis, fmt::format("geometric range '{}' must start above 0", text));
  r.start = from->base;
  const double span = r.geometric ? std::log(to->base / from->base) / std::log(r.step)
                                  : (to->base - from->base) / r.step;
  if (!(span >= -1e-9) || !std::isfinite(span)) return axis_error(axis, fmt::format("range '{}' is empty", text));
  // Counted in doubles first: a span past 2^64 must not reach the integer conversion.
  constexpr double kMaxValues = 1e18;
  if (std::floor(span + 1e-9) + 1 > kMaxValues)
    return axis_error(axis, fmt::format("range '{}' has {:.3g} values, more than {:.0e}", text,
                                        std::floor(span + 1e-9) + 1, kMaxValues));
  constexpr double kLargestExactInteger = 9e15;  // integers beyond are not exact as doubles
  if (port.kind == ValueKind::kInteger &&
      (std::fabs(from->base) > kLargestExactInteger || std::fabs(to->base) > kLargestExactInteger))
    return axis_error(axis, fmt::format("range '{}': integer ranges must stay within +-{:.0e}", text,
                                        kLargestExactInteger));
  r.count = static_cast<std::uint64_t>(std::floor(span + 1e-9)) + 1;
  r.end = to->base;
  r.kind = port.kind;
  r.dimension = port.dimension;
  r.unit = from->unit;
  r.unit_factor = from->factor;
  return r;
}

Result<std::vector<std::string>> value_texts(std::string_view axis, std::string_view text, const PortInfo& port,
                                             const Catalog& catalog) {
  std::vector<std::string> out;
  if (trim(text) == "*") {
    if (port.kind == ValueKind::kHardware)
      for (const HardwareRef& h : catalog.all_hardware()) out.push_back(h->id);
    else if (port.kind == ValueKind::kModel)
      for (const ModelRef& m : catalog.all_models()) out.push_back(m->id);
    else if (port.spec_kind != nullptr)
      for (const SpecRef& s : catalog.all_specs(*port.spec_kind)) out.push_back(s->id);
    else
      return axis_error(axis, "'*' (every zoo entry) is only for hardware, model and other spec inputs (fleets, ...)");
    return out;
  }
  if (!text.empty() && text.front() == '@') {
    Result<std::string> file = read_text_file(std::string(text.substr(1)), "values file");
    if (!file.ok()) return axis_error(axis, file.error().message);
    std::istringstream in(*file);
    std::string line;
    while (std::getline(in, line))
      if (std::string_view t = trim(line); !t.empty() && t.front() != '#') out.emplace_back(t);
    if (out.empty()) return axis_error(axis, fmt::format("'{}' has no values", text.substr(1)));
    return out;
  }
  while (true) {
    const std::size_t comma = text.find(',');
    out.emplace_back(trim(text.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}


// A range's values are checked at both ends: the constraints are intervals.
Status check_range(const std::string& name, const SweepAxis& axis, const PortInfo& port) {
  for (std::uint64_t i : {std::uint64_t{0}, axis.size() - 1}) {
    const Value v = axis.value(i);
    if (port.kind == ValueKind::kInteger && std::fabs(*v.if_integer()) > 9e15)
      return axis_error(name, fmt::format("value {} is too large", axis.label(i)));
    if (auto why = port.constraint.violation(port.name.view(), v))
      return axis_error(name, fmt::format("value '{}': {}", axis.label(i), *why));
  }
  return {};
}

// A spec field ("fleet.count") as a numeric port of its own: its values are
// the field's, in base units, and never negative (counts, sizes and rates).
Result<PortInfo> field_port(const std::string& name, const SolverInfo& info) {
  Result<Knob> knob = Knob::resolve(info, name);
  if (!knob.ok()) return axis_error(name, knob.error().message);
  PortInfo port;
  port.name = Name(name);
  port.kind = knob->integer()                   ? ValueKind::kInteger
              : knob->dimension().dimensionless() ? ValueKind::kNumber
                                                  : ValueKind::kQuantity;
  port.dimension = knob->dimension();
  port.constraint = at_least(0);
  return port;
}

}  // namespace

Result<SweepAxis> parse_sweep_axis(std::string_view assignment, const SolverInfo& info, const Catalog& catalog) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return Error::bad_input("axis", fmt::format("axis '{}': expected name=values", assignment));
  const std::string name(trim(assignment.substr(0, eq)));
  const std::string_view text = assignment.substr(eq + 1);
  const PortInfo* port = info.find_input(name);
  Result<PortInfo> field = Error::internal("unset");
  if (port == nullptr && name.find('.') != std::string::npos) {
    field = field_port(name, info);
    if (!field.ok()) return field.error();
    port = &*field;
  }
  if (port == nullptr) return axis_error(name, unknown_input(info, name).message);
  const bool numeric = port->kind == ValueKind::kInteger || port->kind == ValueKind::kNumber ||
                       port->kind == ValueKind::kQuantity;
  if (numeric && text.find("..") != std::string_view::npos && text.front() != '@') {
    Result<SweepAxis::Range> range = parse_range(name, text, *port);
    if (!range.ok()) return range.error();
    SweepAxis axis(name, std::move(*range));
    if (Status s = check_range(name, axis, *port); !s.ok()) return s.error();
    return axis;
  }
  Result<std::vector<std::string>> texts = value_texts(name, text, *port, catalog);
  if (!texts.ok()) return texts.error();
  std::vector<Value> values;
  for (const std::string& t : *texts) {
    Result<Value> v = decode_text(t, *port, catalog);
    if (v.ok())
      if (auto why = port->constraint.violation(port->name.view(), *v)) v = Error::bad_input(name, *why);
    if (!v.ok()) return axis_error(name, fmt::format("value '{}': {}", t, v.error().message));
    values.push_back(std::move(*v));
  }
  return SweepAxis(name, std::move(*texts), std::move(values));
}

double SweepAxis::range_magnitude(std::uint64_t i) const {
  const double x = static_cast<double>(i);
  const double v = range_->geometric ? range_->start * std::pow(range_->step, x) : range_->start + range_->step * x;
  // The end as written, not an ulp past it (which a constraint such as <= 1 would refuse).
  return std::fabs(v - range_->end) <= 1e-9 * std::fabs(range_->end) ? range_->end : v;
}

Value SweepAxis::value(std::uint64_t i) const {
  if (!range_) return values_[i];
  const double v = range_magnitude(i);
  switch (range_->kind) {
    case ValueKind::kInteger: return Value(static_cast<std::int64_t>(std::llround(v)));
    case ValueKind::kQuantity: return Value(Quantity{v, range_->dimension});
    default: return Value(v);
  }
}

void SweepAxis::append_label(std::uint64_t i, std::string& out) const {
  if (!range_) {
    out += labels_[i];
    return;
  }
  const double v = range_magnitude(i);
  char buffer[64];
  const char* end = range_->kind == ValueKind::kInteger
                        ? fmt::format_to(buffer, "{}", std::llround(v))
                        : fmt::format_to(buffer, "{}", v / range_->unit_factor);
  out.append(buffer, static_cast<std::size_t>(end - buffer));
  if (!range_->unit.empty()) (out += ' ') += range_->unit;
}

std::string count_text(SweepIndex n) {
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(n % 10)));
    n /= 10;
  } while (n != 0);
  return digits;
}

std::optional<SweepIndex> SweepSpace::size() const {
  SweepIndex n = 1;
  for (const SweepAxis& a : axes_)
    if (__builtin_mul_overflow(n, static_cast<SweepIndex>(a.size()), &n)) return std::nullopt;
  return n;
}

void SweepSpace::position(SweepIndex index, std::span<std::uint64_t> out) const {
  for (std::size_t a = axes_.size(); a-- > 0;) {
    const SweepIndex n = axes_[a].size();
    out[a] = static_cast<std::uint64_t>(index % n);
    index /= n;
  }
}

std::string SweepSpace::describe(std::span<const std::uint64_t> position) const {
  std::string out;
  for (std::size_t a = 0; a < axes_.size(); ++a)
    out += fmt::format("{}{}={}", a ? ", " : "", axes_[a].name(), axes_[a].label(position[a]));
  return out;
}

}  // namespace mlsysim
