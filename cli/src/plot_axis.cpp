#include "plot_axis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace mlsysim::cli {
namespace {

constexpr double kMaxTicks = 12;
constexpr double kLogMargin = 0.06;  // of the span in decades, each side

struct Prefix {
  double scale;
  const char* symbol;
};
constexpr Prefix kPrefixes[] = {{1e18, "E"}, {1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"},
                                {1, ""},     {1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}};

// Units a prefix reads well on: work, data, time, rates, energy, power.
bool takes_prefix(const std::string& unit) {
  return unit == "s" || unit == "B" || unit == "flop" || unit == "B/s" || unit == "flop/s" || unit == "1/s" ||
         unit == "J" || unit == "W";
}

// The prefix for values around `typical`: the largest whose scale is at most
// it. Times are never prefixed upwards ("ks" reads as nothing familiar).
Prefix prefix_for(double typical, const std::string& unit) {
  if (!takes_prefix(unit) || !(typical > 0) || !std::isfinite(typical)) return {1, ""};
  for (const Prefix& p : kPrefixes) {
    if (unit == "s" && p.scale > 1) continue;
    if (typical >= p.scale * 0.999) return p;
  }
  return kPrefixes[std::size(kPrefixes) - 1];
}

std::string shown_unit(const std::string& prefix, const std::string& unit) {
  if (unit == "flop/s") return prefix + "FLOP/s";
  if (unit == "flop") return prefix + "FLOP";
  if (unit == "flop/B") return "FLOP/B";
  if (unit == "1/s") return prefix.empty() ? "1/s" : prefix + "/s";  // "k/s", as values print
  return prefix + unit;
}

std::string superscript(int n) {
  static constexpr const char* kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string digits = std::to_string(std::abs(n)), out = n < 0 ? "⁻" : "";
  for (char d : digits) out += kDigits[d - '0'];
  return out;
}

}  // namespace

std::string power_of_ten(int exponent) { return "10" + superscript(exponent); }

std::string plain_number(double value) {
  if (value == 0) return "0";
  const std::string text = fmt::format("{:.6g}", value);
  const std::size_t e = text.find('e');
  if (e == std::string::npos) return text;
  const std::string mantissa = text.substr(0, e);
  const int exponent = std::stoi(text.substr(e + 1));
  return (mantissa == "1" ? "" : mantissa + "×") + power_of_ten(exponent);
}

PlotAxis::PlotAxis(std::string title, bool log, std::string unit)
    : title_(std::move(title)), unit_(std::move(unit)), log_(log) {}

void PlotAxis::fit(std::span<const double> values) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::isfinite(v) && (!log_ || v > 0)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) lo = log_ ? 1 : 0, hi = log_ ? 10 : 1;
  if (log_) {
    // Within what a double holds (denormals are not a decade), at least one
    // decade wide, a margin each side; then out to the nearest decades when
    // fewer than two would show, so that every log axis has labelled ticks.
    double l = std::max(-300.0, std::log10(lo)), h = std::min(300.0, std::log10(hi));
    if (h - l < 1) l = (l + h) / 2 - 0.5, h = l + 1;
    const double margin = (h - l) * kLogMargin;
    l -= margin, h += margin;
    if (std::floor(h) - std::ceil(l) < 1) l = std::min(l, std::floor(l)), h = std::max(h, std::ceil(h));
    lo_ = std::pow(10.0, l), hi_ = std::pow(10.0, h);
    const Prefix p = prefix_for(std::sqrt(lo_) * std::sqrt(hi_), unit_);
    scale_ = p.scale, prefix_ = p.symbol;
    return;
  }
  // Values a few ulps apart count as one value.
  const bool one_value = !(hi - lo > 1e-9 * std::max(std::fabs(lo), std::fabs(hi)));
  const double pad = !one_value ? (hi - lo) * 0.05 : std::max(std::fabs(lo) * 0.1, 1.0);
  lo_ = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  hi_ = hi + pad;
  const Prefix p = prefix_for(std::max(std::fabs(lo_), std::fabs(hi_)), unit_);
  scale_ = p.scale, prefix_ = p.symbol;
}

double PlotAxis::operator()(double v) const {
  const double t = log_ ? (std::log10(v) - std::log10(lo_)) / (std::log10(hi_) - std::log10(lo_))
                        : (v - lo_) / (hi_ - lo_);
  return a_ + t * (b_ - a_);
}

bool PlotAxis::shows(double v) const {
  const double slack = log_ ? 1e-9 : 1e-9 * (hi_ - lo_);
  if (!std::isfinite(v) || (log_ && !(v > 0))) return false;
  return log_ ? v >= lo_ * (1 - slack) && v <= hi_ * (1 + slack) : v >= lo_ - slack && v <= hi_ + slack;
}

std::vector<PlotAxis::Tick> PlotAxis::ticks() const {
  std::vector<Tick> out;
  if (!(std::isfinite(lo_) && std::isfinite(hi_) && hi_ > lo_)) return out;
  if (log_) {
    // Decades of the scaled unit; every k-th when there are more than 12.
    const double first = std::ceil(std::log10(lo_ / scale_) - 1e-9), last = std::floor(std::log10(hi_ / scale_) + 1e-9);
    const double every = std::max(1.0, std::ceil((last - first + 1) / kMaxTicks));
    for (double i = 0; first + i * every <= last && i < kMaxTicks; ++i) {
      const int exponent = static_cast<int>(first + i * every);
      out.push_back({std::pow(10.0, exponent) * scale_, power_of_ten(exponent)});
    }
    return out;
  }
  const double raw = (hi_ - lo_) / 6, mag = std::pow(10.0, std::floor(std::log10(raw)));
  if (!(std::isfinite(raw) && raw > 0 && mag > 0)) return {{lo_, plain_number(lo_ / scale_)}};
  const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
  const double first = std::ceil(lo_ / step), last = std::floor((hi_ + step * 1e-9) / step);
  if (!(std::isfinite(first) && std::isfinite(last)) || last - first + 1 > kMaxTicks)
    return {{lo_, plain_number(lo_ / scale_)}, {hi_, plain_number(hi_ / scale_)}};
  for (double i = first; i <= last; ++i) {
    const double v = i * step;
    // Rounded to the step's digits: 0.30000000000000004 reads 0.3.
    out.push_back({v, plain_number(std::round(v / step) * step / scale_)});
  }
  return out;
}

std::string PlotAxis::titled() const {
  const std::string unit = shown_unit(prefix_, unit_);
  return unit.empty() || unit == "1" ? title_ : fmt::format("{} [{}]", title_, unit);
}

}  // namespace mlsysim::cli
