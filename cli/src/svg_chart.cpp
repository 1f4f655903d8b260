#include "svg_chart.hpp"

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

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
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
  std::vector<double> ticks() const {
    std::vector<double> out;
    if (log) {
      for (double e = std::floor(std::log10(lo)); e <= std::ceil(std::log10(hi)); ++e)
        if (double v = std::pow(10.0, e); v >= lo * 0.999 && v <= hi * 1.001) out.push_back(v);
      return out;
    }
    const double raw = (hi - lo) / 6, mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push_back(v);
    return out;
  }
};

Scale fit(const std::vector<double>& values, bool log, double a, double b) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::isfinite(v) && (!log || v > 0)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) lo = log ? 1 : 0, hi = log ? 10 : 1;
  if (log) {
    lo = std::pow(10.0, std::floor(std::log10(lo)));
    hi = std::pow(10.0, std::ceil(std::log10(hi)));
    if (hi <= lo) hi = lo * 10;
  } else {
    const double pad = hi > lo ? (hi - lo) * 0.05 : std::max(std::fabs(lo) * 0.1, 1.0);
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
                       "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       sx(t), kTop, kHeight - kBottom, kHeight - kBottom + 18, escape(tick_text(t, x_.unit)));
  for (double t : sy.ticks())
    out += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#e5e5e5\"/>"
                       "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
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
  if (!path.ends_with(".png")) {
    std::ofstream f(path, std::ios::binary);
    f << svg;
    return f.flush() ? "" : fmt::format("cannot write '{}'", path);
  }
  char tmp[] = "/tmp/mlsysim-plot-XXXXXX";
  const int fd = mkstemp(tmp);
  if (fd < 0) return "cannot create a temporary file for the PNG";
  const bool written = ::write(fd, svg.data(), svg.size()) == static_cast<ssize_t>(svg.size());
  ::close(fd);
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  const int status = written ? std::system(fmt::format("rsvg-convert -o {} {} 2>/dev/null", quoted, tmp).c_str()) : -1;
  std::remove(tmp);
  if (status != 0)
    return "writing PNG needs rsvg-convert (apt-get install librsvg2-bin); write .svg instead";
  return "";
}

}  // namespace mlsysim::cli
