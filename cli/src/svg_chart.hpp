// SvgChart: a small, dependency-free line and scatter chart written as SVG
// text (log or linear axes, decade or "nice" ticks, a legend, text labels),
// for `mlsysim plot`. Colours cycle through a fixed palette by series.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mlsysim::cli {

struct ChartAxis {
  std::string title;
  bool log = false;
  std::string unit;  // tick labels get SI prefixes with it ("TFLOP/s")
};

class SvgChart {
 public:
  SvgChart(std::string title, ChartAxis x, ChartAxis y) : title_(std::move(title)), x_(std::move(x)), y_(std::move(y)) {}

  // A polyline (lines) or markers (points) with a legend entry; returns its colour.
  std::string add_line(std::string label, std::vector<std::pair<double, double>> points, bool dashed = false);
  std::string add_points(std::string label, std::vector<std::pair<double, double>> points);
  // A marker with a text label next to it (an operating point, a ridge).
  void add_marker(double x, double y, std::string text, const std::string& colour);
  // A vertical dashed line (a ridge point) in a series colour.
  void add_vertical(double x, const std::string& colour);
  // Text at the top of the plot area, left or right of x.
  void add_region(double x, std::string left, std::string right);

  std::string render() const;

 private:
  struct Series {
    std::string label, colour;
    std::vector<std::pair<double, double>> points;
    bool line, dashed;
  };
  struct Marker {
    double x, y;
    std::string text, colour;
  };
  std::string next_colour();

  std::string title_;
  ChartAxis x_, y_;
  std::vector<Series> series_;
  std::vector<Marker> markers_;
  std::vector<std::pair<double, std::string>> verticals_;
  std::vector<std::pair<double, std::pair<std::string, std::string>>> regions_;
};

// Writes SVG to `path` ("-": stdout), or PNG through rsvg-convert when the
// name ends in ".png". Returns an error message, or "" on success.
std::string write_picture(const std::string& svg, const std::string& path);

}  // namespace mlsysim::cli
