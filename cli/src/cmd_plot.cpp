// `mlsysim plot roofline --hardware A,B [--model M,N] [--batch-size 1,8]`
// and `mlsysim plot sweep SOLVER --over X=... [--over LINES=...] --y OUTPUT`:
// pictures for a paper, written as SVG (stdout or --file), or as PNG or PDF
// through rsvg-convert by the file's name.
#include <cmath>

#include <fmt/format.h>

#include "commands.hpp"
#include "picture_file.hpp"
#include "plot_commands.hpp"

namespace mlsysim::cli {
namespace {

// --width, --height and --font-size, on both pictures.
void add_style_options(CLI::App& cmd, ChartStyle& style) {
  cmd.add_option("--width", style.width, "Canvas width in pixels, before the legend widens it (default 900)")
      ->check(CLI::Range(300.0, 10000.0));
  cmd.add_option("--height", style.height, "Canvas height in pixels, before notes lengthen it (default 560)")
      ->check(CLI::Range(200.0, 10000.0));
  cmd.add_option("--font-size", style.font_size, "Text size in pixels; the title is 1.3x (default 12)")
      ->check(CLI::Range(6.0, 48.0));
}

constexpr const char* kFileHelp = "Write here instead of stdout: .svg, or .png/.pdf through rsvg-convert";

}  // namespace

double plotted_number(const Value& v) {
  if (const Quantity* q = v.if_quantity()) return q->value;
  if (const double* d = v.if_number()) return *d;
  if (const std::int64_t* i = v.if_integer()) return static_cast<double>(*i);
  if (const bool* b = v.if_boolean()) return *b ? 1 : 0;
  return std::nan("");
}

int write_chart(Environment& env, const SvgChart& chart, const std::string& file) {
  const std::string problem = write_picture(chart.render(), file);
  if (!problem.empty()) return env.fail(Error::bad_input("--file", problem));
  return kOk;
}

void add_plot_command(CLI::App& app, Environment& env, int& exit_code) {
  CLI::App* plot = app.add_subcommand("plot", "Draw a roofline or a sweep as SVG, PNG or PDF");
  plot->require_subcommand(1);

  auto r = std::make_shared<RooflinePlotArgs>();
  CLI::App* roof = plot->add_subcommand("roofline", "Roofline: a roof per device, operating points per model and batch");
  roof->add_option("--hardware", r->hardware, "Devices, comma-separated (zoo ids): a colour each")->required();
  roof->add_option("--model", r->models, "Models, comma-separated: a marker shape each");
  roof->add_option("--batch-size", r->batch_sizes, "Batch sizes, comma-separated (default 1): a label each");
  roof->add_option("--precision", r->precision, "Precision (default fp16)");
  roof->add_option("--efficiency", r->efficiency, "Efficiency: the solid roof is the peak times it (default 0.5)");
  roof->add_option("--solver", r->solver, "Roofline variant for the operating points (default roofline)");
  roof->add_option("--file", r->file, kFileHelp);
  add_style_options(*roof, r->style);
  roof->callback([r, &env, &exit_code] { exit_code = plot_roofline(env, *r); });

  auto s = std::make_shared<SweepPlotArgs>();
  CLI::App* sweep = plot->add_subcommand("sweep", "An output against a swept axis, one line per value of a second axis");
  sweep->add_option("solver", s->solver, "Solver name")->required();
  sweep->add_option("--over", s->overs, "The x axis, then (optional) the axis of the lines, as `sweep --over`")->required();
  sweep->add_option("--set", s->sets, "Fixed input name=value (repeatable)");
  sweep->add_option("--y", s->y, "The output on the y axis")->required();
  sweep->add_option("--where", s->where, "Plot only rows where EXPR holds, as `sweep --where`");
  sweep->add_option("--log", s->log, "Log axes: auto (a span of 50x or more), x, y, xy or none");
  sweep->add_option("--file", s->file, kFileHelp);
  add_style_options(*sweep, s->style);
  sweep->callback([s, &env, &exit_code] { exit_code = plot_sweep(env, *s); });
}

}  // namespace mlsysim::cli
