// The two pictures `mlsysim plot` draws, with the options of each.
#pragma once

#include <string>
#include <vector>

#include "environment.hpp"
#include "mlsysim/framework/value.hpp"
#include "svg_chart.hpp"

namespace mlsysim::cli {

// `plot roofline`: one roof per device (peak x efficiency, and the peak
// dashed), its ridge, and the operating point of each model and batch.
struct RooflinePlotArgs {
  std::string hardware, models, batch_sizes = "1", precision = "fp16", efficiency = "0.5";
  std::string solver = "roofline", file;
  ChartStyle style;
};
int plot_roofline(Environment& env, const RooflinePlotArgs& args);

// `plot sweep`: an output against a swept input, a line per value of a
// second axis, rows kept by `where`.
struct SweepPlotArgs {
  std::string solver, y, log = "auto", where, file;
  std::vector<std::string> overs, sets;
  ChartStyle style;
};
int plot_sweep(Environment& env, const SweepPlotArgs& args);

// A value as a number on an axis (NaN when it is not one).
double plotted_number(const Value& v);
// Writes the chart where `file` says, or fails naming --file.
int write_chart(Environment& env, const SvgChart& chart, const std::string& file);

}  // namespace mlsysim::cli
