#include "mlsysim/registry/sweep_space.hpp"

#include <charconv>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {
namespace {

constexpr std::size_t kMaxAxisValues = 10'000'000;

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

// "a..b[:*k|:+k]" expanded into the texts of its values.
Result<std::vector<std::string>> expand_range(std::string_view axis, std::string_view text, const PortInfo& port) {
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
  const bool geometric = !step_text.empty() && step_text.front() == '*';
  double step = 1.0;
  if (!step_text.empty()) {
    if (step_text.front() != '*' && step_text.front() != '+')
      return axis_error(axis, fmt::format("step '{}': expected *FACTOR or +INCREMENT", step_text));
    Result<Endpoint> s = geometric ? endpoint(step_text.substr(1), PortInfo{}) : endpoint(step_text.substr(1), port);
    if (!s.ok()) return axis_error(axis, s.error().message);
    step = s->base;
  }
  if (!(geometric ? step > 1.0 : step > 0.0) || !std::isfinite(step))
    return axis_error(axis, fmt::format("range '{}' never ends: the step must be {}", text,
                                        geometric ? "a factor > 1" : "> 0"));
  std::vector<std::string> out;
  const double tolerance = std::fabs(to->base) * 1e-12;
  for (std::size_t i = 0;; ++i) {
    const double v = geometric ? from->base * std::pow(step, static_cast<double>(i))
                               : from->base + step * static_cast<double>(i);
    if (v > to->base + tolerance) break;
    if (out.size() == kMaxAxisValues)
      return axis_error(axis, fmt::format("range '{}' has more than {} values", text, kMaxAxisValues));
    const double shown = v / from->factor;
    out.push_back(port.kind == ValueKind::kInteger ? fmt::format("{}", std::llround(shown))
                  : from->unit.empty()             ? fmt::format("{}", shown)
                                                   : fmt::format("{} {}", shown, from->unit));
  }
  if (out.empty()) return axis_error(axis, fmt::format("range '{}' is empty", text));
  return out;
}

Result<std::vector<std::string>> value_texts(std::string_view axis, std::string_view text, const PortInfo& port,
                                             const Catalog& catalog) {
  std::vector<std::string> out;
  if (trim(text) == "*") {
    if (port.kind == ValueKind::kHardware)
      for (const HardwareRef& h : catalog.all_hardware()) out.push_back(h->id);
    else if (port.kind == ValueKind::kModel)
      for (const ModelRef& m : catalog.all_models()) out.push_back(m->id);
    else
      return axis_error(axis, "'*' (every zoo entry) is only for hardware and model inputs");
    return out;
  }
  if (!text.empty() && text.front() == '@') {
    std::ifstream in{std::string(text.substr(1))};
    if (!in) return axis_error(axis, fmt::format("cannot read '{}'", text.substr(1)));
    std::string line;
    while (std::getline(in, line))
      if (std::string_view t = trim(line); !t.empty() && t.front() != '#') out.emplace_back(t);
    if (out.empty()) return axis_error(axis, fmt::format("'{}' has no values", text.substr(1)));
    return out;
  }
  const bool numeric = port.kind == ValueKind::kInteger || port.kind == ValueKind::kNumber ||
                       port.kind == ValueKind::kQuantity;
  if (numeric && text.find("..") != std::string_view::npos) return expand_range(axis, text, port);
  while (true) {
    const std::size_t comma = text.find(',');
    out.emplace_back(trim(text.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

Result<SweepAxis> parse_sweep_axis(std::string_view assignment, const SolverInfo& info, const Catalog& catalog) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return Error::bad_input("axis", fmt::format("axis '{}': expected name=values", assignment));
  SweepAxis axis;
  axis.name = std::string(trim(assignment.substr(0, eq)));
  const PortInfo* port = info.find_input(axis.name);
  if (port == nullptr) {
    std::string names;
    for (const PortInfo& p : info.inputs) names += (names.empty() ? "" : ", ") + p.name.str();
    return axis_error(axis.name, fmt::format("solver '{}' has no input '{}' (its inputs: {})", info.name,
                                             axis.name, names));
  }
  Result<std::vector<std::string>> texts = value_texts(axis.name, assignment.substr(eq + 1), *port, catalog);
  if (!texts.ok()) return texts.error();
  for (std::string& text : *texts) {
    Result<Value> v = decode_text(text, *port, catalog);
    if (v.ok())
      if (auto why = port->constraint.violation(port->name.view(), *v)) v = Error::bad_input(axis.name, *why);
    if (!v.ok()) return axis_error(axis.name, fmt::format("value '{}': {}", text, v.error().message));
    axis.values.push_back(std::move(*v));
    axis.labels.push_back(std::move(text));
  }
  return axis;
}

std::optional<std::uint64_t> SweepSpace::size() const {
  std::uint64_t n = 1;
  for (const SweepAxis& a : axes_)
    if (__builtin_mul_overflow(n, static_cast<std::uint64_t>(a.values.size()), &n)) return std::nullopt;
  return n;
}

void SweepSpace::position(std::uint64_t index, std::span<std::size_t> out) const {
  for (std::size_t a = axes_.size(); a-- > 0;) {
    const std::uint64_t n = axes_[a].values.size();
    out[a] = static_cast<std::size_t>(index % n);
    index /= n;
  }
}

std::string SweepSpace::describe(std::span<const std::size_t> position) const {
  std::string out;
  for (std::size_t a = 0; a < axes_.size(); ++a)
    out += fmt::format("{}{}={}", a ? ", " : "", axes_[a].name, axes_[a].labels[position[a]]);
  return out;
}

}  // namespace mlsysim
