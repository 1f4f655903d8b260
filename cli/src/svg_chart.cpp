#include "svg_chart.hpp"

#include "atomic_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>

#include <fmt/format.h>
#include <unistd.h>

namespace mlsysim::cli {
namespace {

constexpr double kWidth = 900, kHeight = 560, kLeft = 90, kRight = 230, kTop = 50, kBottom = 60;
constexpr const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                    "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"};

// The length of the well-formed UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) >> 6) != 0x2) return 0;
  if (n == 2 && c < 0xC2) return 0;                       // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;  // a UTF-16 surrogate
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return n;
}

// Text as XML character data: markup escaped, control characters XML
// forbids dropped, and bytes that are not UTF-8 shown as U+FFFD, so labels
// from any zoo file or axis value give a well-formed SVG.
std::string escape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    if (n == 1) {
      if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '&') out += "&amp;";
      else if (c == '"') out += "&quot;";
      else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

// "312 T" style tick text.
std::string tick_text(double v, const std::string& unit) {
  static constexpr std::pair<double, const char*> kPrefixes[] = {
      {1e18, "E"}, {1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""},
      {1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}};
  if (v == 0) return "0";
  const std::string shown = unit == "1/s" ? "/s" : unit;  // "10 k/s", not "10 k1/s"
  for (const auto& [scale, prefix] : kPrefixes)
    if (std::fabs(v) >= scale * 0.999) return fmt::format("{:g} {}{}", v / scale, prefix, shown);
  return fmt::format("{:g} {}", v, shown);
}

struct Scale {
  double lo, hi;
  bool log;
  double a, b;  // pixel range
  double operator()(double v) const {
    const double t = log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : (v - lo) / (hi - lo);
    return a + t * (b - a);
  }
  // At most kMaxTicks ticks, counted as integers before any is made: a tick
  // is first + i x step, never a running sum that may stop growing.
  static constexpr double kMaxTicks = 12;
  std::vector<double> ticks() const {
    std::vector<double> out;
    if (!(std::isfinite(lo) && std::isfinite(hi) && hi > lo)) return out;
    if (log) {
      if (!(lo > 0)) return out;
      const double first = std::floor(std::log10(lo)), last = std::ceil(std::log10(hi));
      const double every = std::max(1.0, std::ceil((last - first + 1) / kMaxTicks));  // decades per tick
      for (double i = 0; first + i * every <= last && i < kMaxTicks; ++i)
        if (double v = std::pow(10.0, first + i * every); v >= lo * 0.999 && v <= hi * 1.001) out.push_back(v);
      return out;
    }
    const double raw = (hi - lo) / 6, mag = std::pow(10.0, std::floor(std::log10(raw)));
    if (!(std::isfinite(raw) && raw > 0 && mag > 0)) return {lo, hi};
    const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
    const double first = std::ceil(lo / step), last = std::floor((hi + step * 1e-9) / step);
    if (!(std::isfinite(first) && std::isfinite(last)) || last - first + 1 > kMaxTicks) return {lo, hi};
    for (double i = first; i <= last; ++i) out.push_back(i * step);
    return out;
  }
};

Scale fit(const std::vector<double>& values, bool log, double a, double b) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::isfinite(v) && (!log || v > 0)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) lo = log ? 1 : 0, hi = log ? 10 : 1;
  if (log) {
    // Whole decades, within what a double holds (denormals are not a decade).
    lo = std::pow(10.0, std::max(-300.0, std::floor(std::log10(lo))));
    hi = std::pow(10.0, std::min(300.0, std::ceil(std::log10(hi))));
    if (!(hi > lo)) hi = lo * 10;
  } else {
    // Values a few ulps apart count as one value.
    const bool one_value = !(hi - lo > 1e-9 * std::max(std::fabs(lo), std::fabs(hi)));
    const double pad = !one_value ? (hi - lo) * 0.05 : std::max(std::fabs(lo) * 0.1, 1.0);
    lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    hi += pad;
  }
  return {lo, hi, log, a, b};
}

}  // namespace

std::string SvgChart::next_colour() { return kPalette[series_.size() % std::size(kPalette)]; }

std::string SvgChart::add_line(std::string label, std::vector<std::pair<double, double>> points, bool dashed) {
  series_.push_back({std::move(label), next_colour(), std::move(points), true, dashed});
  return series_.back().colour;
}

std::string SvgChart::add_points(std::string label, std::vector<std::pair<double, double>> points) {
  series_.push_back({std::move(label), next_colour(), std::move(points), false, false});
  return series_.back().colour;
}

void SvgChart::add_marker(double x, double y, std::string text, const std::string& colour) {
  markers_.push_back({x, y, std::move(text), colour});
}

void SvgChart::add_vertical(double x, const std::string& colour) { verticals_.emplace_back(x, colour); }

void SvgChart::add_region(double x, std::string left, std::string right) {
  regions_.push_back({x, {std::move(left), std::move(right)}});
}

std::string SvgChart::render() const {
  std::vector<double> xs, ys;
  for (const Series& s : series_)
    for (auto [x, y] : s.points) xs.push_back(x), ys.push_back(y);
  for (const Marker& m : markers_) xs.push_back(m.x), ys.push_back(m.y);
  const Scale sx = fit(xs, x_.log, kLeft, kWidth - kRight), sy = fit(ys, y_.log, kHeight - kBottom, kTop);
  const auto inside = [&](double x, double y) {
    return std::isfinite(x) && std::isfinite(y) && (!x_.log || x > 0) && (!y_.log || y > 0);
  };
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{3}</text>\n",
      kWidth, kHeight, kLeft, escape(title_));
  for (double t : sx.ticks())
    out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#e5e5e5\"/>"
                       "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       sx(t), kTop, kHeight - kBottom, kHeight - kBottom + 18, escape(tick_text(t, x_.unit)));
  for (double t : sy.ticks())
    out += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#e5e5e5\"/>"
                       "<text class=\"tick\" x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
                       kLeft, sy(t), kWidth - kRight, kLeft - 6, sy(t) + 4, escape(tick_text(t, y_.unit)));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n", kLeft,
                     kTop, kWidth - kRight - kLeft, kHeight - kBottom - kTop);
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", (kLeft + kWidth - kRight) / 2,
                     kHeight - 15, escape(x_.title));
  out += fmt::format("<text transform=\"translate(22,{}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     (kTop + kHeight - kBottom) / 2, escape(y_.title));
  for (const auto& [x, region] : regions_) {
    if (!inside(x, sy.hi)) continue;
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\" font-style=\"italic\">{}</text>"
                       "<text x=\"{:.1f}\" y=\"{}\" fill=\"#555\" font-style=\"italic\">{}</text>\n",
                       sx(x) - 6, kTop + 16, escape(region.first), sx(x) + 6, kTop + 16, escape(region.second));
  }
  for (const auto& [x, colour] : verticals_)
    if (inside(x, sy.hi))
      out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"{3}\" stroke-dasharray=\"3 4\"/>\n",
                         sx(x), kTop, kHeight - kBottom, colour);
  double legend_y = kTop + 8;
  for (const Series& s : series_) {
    std::string path;
    for (auto [x, y] : s.points)
      if (inside(x, y)) path += fmt::format("{:.1f},{:.1f} ", sx(x), sy(y));
    if (s.line)
      out += fmt::format("<polyline class=\"series\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n",
                         path, s.colour, s.dashed ? " stroke-dasharray=\"6 4\"" : "");
    else
      for (auto [x, y] : s.points)
        if (inside(x, y))
          out += fmt::format("<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\"/>\n", sx(x), sy(y), s.colour);
    out += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"14\" height=\"4\" fill=\"{}\"/><text x=\"{}\" y=\"{:.1f}\">{}</text>\n",
                       kWidth - kRight + 12, legend_y - 4, s.colour, kWidth - kRight + 32, legend_y, escape(s.label));
    legend_y += 18;
  }
  for (const Marker& m : markers_) {
    if (!inside(m.x, m.y)) continue;
    out += fmt::format("<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"{}\" stroke=\"white\"/>"
                       "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n",
                       sx(m.x), sy(m.y), m.colour, sx(m.x) + 7, sy(m.y) - 6, escape(m.text));
  }
  return out + "</svg>\n";
}

std::string write_picture(const std::string& svg, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(svg.data(), 1, svg.size(), stdout);
    return "";
  }
  if (!path.ends_with(".png")) return write_file_atomically(path, svg);
  char tmp[] = "/tmp/mlsysim-plot-XXXXXX";
  const int fd = mkstemp(tmp);
  if (fd < 0) return "cannot create a temporary file for the PNG";
  const bool written = ::write(fd, svg.data(), svg.size()) == static_cast<ssize_t>(svg.size());
  ::close(fd);
  const auto quoted = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  const std::string error = replace_file_atomically(path, [&](const std::filesystem::path& png) -> std::string {
    if (!written) return "cannot write the SVG for the PNG";
    if (std::system("command -v rsvg-convert > /dev/null 2>&1") != 0)
      return "writing PNG needs rsvg-convert (apt-get install librsvg2-bin); write .svg instead";
    const std::string cmd = fmt::format("rsvg-convert -o {} {} 2>/dev/null", quoted(png.string()), quoted(tmp));
    return std::system(cmd.c_str()) == 0 ? "" : "rsvg-convert could not render the SVG as PNG";
  });
  std::remove(tmp);
  return error;
}

}  // namespace mlsysim::cli
