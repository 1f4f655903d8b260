#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "chart_canvas.hpp"
#include "svg_text.hpp"

namespace mlsysim::cli {
namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                    "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"};
constexpr double kMarkerRadius = 4.5;
constexpr double kPad = 12;  // canvas edge to any text

// `text` broken into lines no wider than `width` at `size`, at spaces.
std::vector<std::string> wrapped(const std::string& text, double width, double size) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const std::string joined = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(joined, size) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = joined;
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string marker(MarkerShape shape, double x, double y, const std::string& colour, bool hollow, double r) {
  const std::string paint = hollow ? fmt::format("fill=\"white\" stroke=\"{}\" stroke-width=\"1.6\"", colour)
                                   : fmt::format("fill=\"{}\" stroke=\"white\" stroke-width=\"0.8\"", colour);
  if (shape == MarkerShape::kCircle)
    return fmt::format("<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" {}/>\n", x, y, r, paint);
  // Regular polygons (the star alternates two radii), rotated to stand on a side or a corner.
  struct Polygon {
    int corners;
    double turn, size;
  };
  constexpr double kUp = -std::numbers::pi / 2;
  const Polygon p = shape == MarkerShape::kSquare         ? Polygon{4, std::numbers::pi / 4, 1.15}
                    : shape == MarkerShape::kTriangle     ? Polygon{3, kUp, 1.3}
                    : shape == MarkerShape::kDiamond      ? Polygon{4, 0, 1.3}
                    : shape == MarkerShape::kTriangleDown ? Polygon{3, -kUp, 1.3}
                    : shape == MarkerShape::kPentagon     ? Polygon{5, kUp, 1.15}
                    : shape == MarkerShape::kHexagon      ? Polygon{6, 0, 1.1}
                                                          : Polygon{10, kUp, 1.4};
  std::string points;
  for (int i = 0; i < p.corners; ++i) {
    const double a = p.turn + 2 * std::numbers::pi * i / p.corners;
    const double radius = r * p.size * (shape == MarkerShape::kStar && i % 2 == 1 ? 0.45 : 1.0);
    points += fmt::format("{:.1f},{:.1f} ", x + radius * std::cos(a), y + radius * std::sin(a));
  }
  return fmt::format("<polygon class=\"point\" points=\"{}\" {}/>\n", points, paint);
}

std::string left_out_note(std::size_t n) {
  return fmt::format("{} point label{} left out where {} would overlap other text or markers; the points are "
                     "drawn.", n, n == 1 ? " is" : "s are", n == 1 ? "it" : "they");
}

}  // namespace

// Where everything goes, from the text each part holds.
struct SvgChart::Layout {
  double width = 0, height = 0, left = 0, right = 0, top = 0, bottom = 0;  // canvas; plot-area margins
  double font = 12, title_font = 15.6, line = 16;
  std::vector<std::string> subtitle_lines;
  std::size_t footnote_lines = 0;
  std::vector<PlotAxis::Tick> x_ticks, y_ticks;
  PlotAxis x, y;
  Layout(const PlotAxis& xa, const PlotAxis& ya) : x(xa), y(ya) {}
  double plot_right() const { return width - right; }
  double plot_bottom() const { return height - bottom; }
  TextBox plot_area() const { return {left, top, plot_right(), plot_bottom()}; }
};

SvgChart::SvgChart(std::string title, PlotAxis x, PlotAxis y, ChartStyle style)
    : title_(std::move(title)), x_(std::move(x)), y_(std::move(y)), style_(style) {}

std::string SvgChart::colour(std::size_t i) { return kPalette[i % std::size(kPalette)]; }

MarkerShape SvgChart::shape(std::size_t i) { return static_cast<MarkerShape>(i % 8); }

void SvgChart::add_regions(double x, std::string left, std::string right) {
  regions_.push_back({x, std::move(left), std::move(right)});
}

SvgChart::Layout SvgChart::layout(const std::vector<std::string>& footnotes) const {
  Layout l(x_, y_);
  l.font = style_.font_size, l.title_font = style_.font_size * 1.3, l.line = style_.font_size * 1.35;
  std::vector<double> xs, ys;
  for (const Point& p : points_) xs.push_back(p.x), ys.push_back(p.y);
  for (const Line& line : lines_)
    if (line.fits_axes)
      for (auto [x, y] : line.points) xs.push_back(x), ys.push_back(y);
  for (const auto& [x, colour] : verticals_) xs.push_back(x);
  xs.insert(xs.end(), extra_x_.begin(), extra_x_.end());
  ys.insert(ys.end(), extra_y_.begin(), extra_y_.end());
  l.x.fit(xs), l.y.fit(ys);
  l.x_ticks = l.x.ticks(), l.y_ticks = l.y.ticks();

  double legend_width = 0, widest_tick = 0;
  for (const LegendEntry& e : legend_) legend_width = std::max(legend_width, 30 + text_width(e.label, l.font));
  for (const PlotAxis::Tick& t : l.y_ticks) widest_tick = std::max(widest_tick, text_width(t.label, l.font));
  l.left = kPad + l.font * 1.3 + 10 + widest_tick + 6;
  l.right = legend_.empty() ? kPad + 16 : legend_width + 2 * kPad;
  // The canvas grows (never shrinks) so that the plot keeps half the width asked for.
  // and is wide enough for its axis title.
  l.width = std::max({style_.width, l.left + l.right + style_.width * 0.5,
                      l.left + l.right + text_width(l.x.titled(), l.font) + 20});
  for (const std::string& s : subtitles_)
    for (std::string& w : wrapped(s, l.width - 2 * kPad, l.font)) l.subtitle_lines.push_back(std::move(w));
  for (const std::string& s : footnotes) l.footnote_lines += wrapped(s, l.width - 2 * kPad, l.font).size();
  l.top = kPad + l.title_font * 1.1 + static_cast<double>(l.subtitle_lines.size()) * l.line +
          (regions_.empty() ? 8 : l.line + 6);
  l.bottom = l.font * 3.4 + static_cast<double>(l.footnote_lines) * l.line + kPad;
  const double legend_height = static_cast<double>(legend_.size()) * l.line;
  l.height = std::max({style_.height, l.top + l.bottom + style_.height * 0.45, l.top + l.bottom + legend_height,
                       l.top + l.bottom + text_width(l.y.titled(), l.font) + 20});
  l.x.place(l.left, l.plot_right());
  l.y.place(l.plot_bottom(), l.top);
  return l;
}

void SvgChart::draw_frame(const Layout& l, ChartCanvas& canvas) const {
  canvas.text(title_, kPad, kPad + l.title_font * 0.8, l.title_font, Anchor::kStart, true);
  double y = kPad + l.title_font * 1.1 + l.font * 0.8;
  for (const std::string& s : l.subtitle_lines) canvas.text(s, kPad, y, l.font, Anchor::kStart, false, " fill=\"#444\""), y += l.line;
  const double tick_y = l.plot_bottom() + l.font * 1.3;
  double last_right = -1e9;  // x tick labels that would touch the previous one are left out; their grid line stays
  for (const PlotAxis::Tick& t : l.x_ticks) {
    const double x = l.x(t.value);
    canvas.draw(fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#e5e5e5\"/>\n", x,
                            l.top, l.plot_bottom()));
    const TextBox box = text_box(t.label, x, tick_y, l.font, Anchor::kMiddle);
    if (box.left < last_right + 4) continue;
    canvas.text(t.label, x, tick_y, l.font, Anchor::kMiddle, false, " class=\"tick\"");
    last_right = box.right;
  }
  for (const PlotAxis::Tick& t : l.y_ticks) {
    const double y_t = l.y(t.value);
    canvas.draw(fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#e5e5e5\"/>\n", l.left,
                            y_t, l.plot_right()));
    canvas.text(t.label, l.left - 6, y_t + l.font * 0.3, l.font, Anchor::kEnd, false, " class=\"tick\"");
  }
  canvas.draw(fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#333\"/>\n",
                          l.left, l.top, l.plot_right() - l.left, l.plot_bottom() - l.top));
  canvas.text(l.x.titled(), (l.left + l.plot_right()) / 2, tick_y + l.font * 1.6, l.font, Anchor::kMiddle);
  canvas.vertical_text(l.y.titled(), kPad + l.font * 0.9, (l.top + l.plot_bottom()) / 2, l.font);
  const double region_y = l.top - 8;
  for (const Region& r : regions_) {
    if (!l.x.shows(r.x)) continue;
    const double x = l.x(r.x);
    // Each side only where it stays above the plot.
    if (x - 6 - text_width(r.left, l.font) >= l.left)
      canvas.text(r.left, x - 6, region_y, l.font, Anchor::kEnd, false, " fill=\"#555\" font-style=\"italic\"");
    if (x + 6 + text_width(r.right, l.font) <= l.plot_right())
      canvas.text(r.right, x + 6, region_y, l.font, Anchor::kStart, false, " fill=\"#555\" font-style=\"italic\"");
  }
  draw_legend(l, canvas);
}

void SvgChart::draw_legend(const Layout& l, ChartCanvas& canvas) const {
  const double x = l.plot_right() + kPad;
  double y = l.top + l.font * 0.8;
  for (const LegendEntry& e : legend_) {
    const double mid = y - l.font * 0.3;
    if (e.kind != LegendEntry::Kind::kMarker)
      canvas.draw(fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2\"{}/>\n",
                              x, mid, x + 22, mid, e.colour,
                              e.kind == LegendEntry::Kind::kDashedLine ? " stroke-dasharray=\"5 3\"" : ""));
    if (e.kind == LegendEntry::Kind::kMarker || e.kind == LegendEntry::Kind::kLineAndMarker)
      canvas.draw(marker(e.shape, x + 11, mid, e.colour, e.hollow, kMarkerRadius));
    canvas.text(e.label, x + 30, y, l.font, Anchor::kStart);
    y += l.line;
  }
}

void SvgChart::draw_data(const Layout& l, ChartCanvas& canvas) const {
  canvas.draw(fmt::format("<clipPath id=\"plot-area\"><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/></clipPath>\n",
                          l.left, l.top, l.plot_right() - l.left, l.plot_bottom() - l.top));
  const auto drawable = [&](double x, double y) {
    return std::isfinite(x) && std::isfinite(y) && (!l.x.log() || x > 0) && (!l.y.log() || y > 0);
  };
  for (const auto& [x, colour] : verticals_)
    if (l.x.shows(x))
      canvas.draw(fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
                              "stroke-dasharray=\"3 4\"/>\n", l.x(x), l.top, l.plot_bottom(), colour));
  for (const Line& line : lines_) {
    std::string path;
    for (auto [x, y] : line.points)
      if (drawable(x, y)) path += fmt::format("{:.1f},{:.1f} ", l.x(x), l.y(y));
    canvas.draw(fmt::format("<polyline class=\"series\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{} "
                            "clip-path=\"url(#plot-area)\"/>\n", path, line.colour, line.dashed ? 1.2 : 2,
                            line.dashed ? " stroke-dasharray=\"6 4\"" : ""));
  }
  for (const Point& p : points_) {
    if (!l.x.shows(p.x) || !l.y.shows(p.y)) continue;
    const double x = l.x(p.x), y = l.y(p.y), r = kMarkerRadius + 1;
    canvas.draw(marker(p.shape, x, y, p.colour, p.hollow, kMarkerRadius), {x - r, y - r, x + r, y + r});
  }
}

SvgChart::Drawing SvgChart::draw(std::vector<std::string> notes, bool counting_left_out) const {
  const Layout l = layout(notes);
  ChartCanvas canvas;
  draw_frame(l, canvas);
  draw_data(l, canvas);
  Drawing d;
  for (const Point& p : points_)
    if (!p.label.empty() && l.x.shows(p.x) && l.y.shows(p.y) &&
        !canvas.label(p.label, l.x(p.x), l.y(p.y), kMarkerRadius + 1, l.font * 0.9, p.colour, l.plot_area()))
      ++d.left_out;
  if (counting_left_out) notes.back() = left_out_note(d.left_out);
  double y = l.plot_bottom() + l.font * 4.6;
  for (const std::string& note : notes)
    for (const std::string& line : wrapped(note, l.width - 2 * kPad, l.font))
      canvas.text(line, kPad, y, l.font, Anchor::kStart, false, " fill=\"#444\""), y += l.line;
  // The canvas holds whatever was drawn, however the notes wrapped.
  const double height = std::max(l.height, canvas.bottom() + kPad);
  d.svg = fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
                      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"{2}\" font-size=\"{3:.1f}\">\n"
                      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
                      std::ceil(l.width), std::ceil(height), kPictureFont, l.font) +
          canvas.body() + "</svg>\n";
  return d;
}

std::string SvgChart::render() const {
  Drawing first = draw(footnotes_, false);
  if (first.left_out == 0) return first.svg;
  // Room for a note counting the labels left out, then drawn again: the
  // smaller plot can leave out others, so the note counts this drawing's.
  std::vector<std::string> notes = footnotes_;
  notes.push_back(left_out_note(first.left_out));
  return draw(std::move(notes), true).svg;
}

}  // namespace mlsysim::cli
