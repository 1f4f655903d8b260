// SvgChart: a dependency-free chart for `mlsysim plot`, written as SVG text
// that is ready for a paper: axes fitted to the data, a legend beside the
// plot (the canvas grows to hold it), labels placed where they overlap no
// other text and no marker (a label with no free place is left out and
// counted under the plot), footnotes wrapped to the canvas, and every text
// measured in the font it names (svg_text.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "plot_axis.hpp"

namespace mlsysim::cli {

class ChartCanvas;

struct ChartStyle {
  double width = 900;  // canvas, before it grows to hold the legend or footnotes
  double height = 560;
  double font_size = 12;  // tick, legend and footnote text; the title is 1.3x, labels 0.9x
};

enum class MarkerShape { kCircle, kSquare, kTriangle, kDiamond, kTriangleDown, kPentagon, kHexagon, kStar };

class SvgChart {
 public:
  SvgChart(std::string title, PlotAxis x, PlotAxis y, ChartStyle style = {});

  // The i-th of a fixed cycle: a colour per device or line, a shape per model.
  static std::string colour(std::size_t i);
  static MarkerShape shape(std::size_t i);

  struct Line {
    std::vector<std::pair<double, double>> points;
    std::string colour;
    bool dashed = false;
    bool fits_axes = true;  // false: drawn clipped to the axes the other data set
  };
  struct Point {
    double x, y;
    std::string colour;
    MarkerShape shape = MarkerShape::kCircle;
    bool hollow = false;  // an infeasible case
    std::string label;    // placed beside it where it collides with nothing; may be empty
  };
  struct LegendEntry {
    enum class Kind { kLine, kDashedLine, kMarker, kLineAndMarker } kind;
    std::string label, colour;
    MarkerShape shape = MarkerShape::kCircle;
    bool hollow = false;
  };

  // A line under the title: what the chart holds fixed.
  void add_subtitle(std::string text) { subtitles_.push_back(std::move(text)); }
  void add_line(Line line) { lines_.push_back(std::move(line)); }
  void add_point(Point point) { points_.push_back(std::move(point)); }
  // A point the axes must show, drawn as nothing (a roof's corner).
  void include(double x, double y) { extra_x_.push_back(x), extra_y_.push_back(y); }
  // A dashed vertical line (a ridge point) in a colour.
  void add_vertical(double x, std::string colour) { verticals_.emplace_back(x, std::move(colour)); }
  // Text above the plot, either side of x ("← memory-bound", "compute-bound →").
  void add_regions(double x, std::string left, std::string right);
  void add_legend(LegendEntry entry) { legend_.push_back(std::move(entry)); }
  // A paragraph under the plot, wrapped to the canvas.
  void add_footnote(std::string text) { footnotes_.push_back(std::move(text)); }

  std::string render() const;

 private:
  struct Layout;
  struct Region {
    double x;
    std::string left, right;
  };
  struct Drawing {
    std::string svg;
    std::size_t left_out = 0;  // labels that found no free place
  };
  Layout layout(const std::vector<std::string>& footnotes) const;
  // Draws with `notes` under the plot; a last note about labels left out
  // (`counting_left_out`) is rewritten with this drawing's count.
  Drawing draw(std::vector<std::string> notes, bool counting_left_out) const;
  void draw_frame(const Layout& l, ChartCanvas& canvas) const;
  void draw_legend(const Layout& l, ChartCanvas& canvas) const;
  void draw_data(const Layout& l, ChartCanvas& canvas) const;

  std::string title_;
  PlotAxis x_, y_;
  ChartStyle style_;
  std::vector<std::string> subtitles_, footnotes_;
  std::vector<Line> lines_;
  std::vector<Point> points_;
  std::vector<std::pair<double, std::string>> verticals_;
  std::vector<Region> regions_;
  std::vector<LegendEntry> legend_;
  std::vector<double> extra_x_, extra_y_;
};

}  // namespace mlsysim::cli
