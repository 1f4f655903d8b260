// `mlsysim plot roofline --hardware A,B [--model M,N] [--batch-size 1,8]`:
// the classic roofline (log-log; one roof per device with its ridge point;
// operating points of model x batch on each device).
// `mlsysim plot sweep SOLVER --over X=... [--over LINES=...] --y OUTPUT`:
// an output against a swept axis, one line per value of a second axis.
// Both write SVG (stdout or --file), or PNG for a .png file name.
#include <cmath>

#include <fmt/format.h>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/registry/session.hpp"
#include "mlsysim/registry/sweep_space.hpp"
#include "mlsysim/registry/sweep_target.hpp"
#include "solve_printer.hpp"
#include "svg_chart.hpp"
#include "sweep_output.hpp"

namespace mlsysim::cli {
namespace {

struct RooflineArgs {
  std::string hardware, models, batch_sizes = "1", precision = "fp16", efficiency = "0.5";
  std::string solver = "roofline", file;
};

double number_of(const Value& v) {
  if (const Quantity* q = v.if_quantity()) return q->value;
  if (const double* d = v.if_number()) return *d;
  if (const std::int64_t* i = v.if_integer()) return static_cast<double>(*i);
  if (const bool* b = v.if_boolean()) return *b ? 1 : 0;
  return std::nan("");
}

int finish(Environment& env, const SvgChart& chart, const std::string& file) {
  const std::string problem = write_picture(chart.render(), file);
  if (!problem.empty()) return env.fail(Error::bad_input("--file", problem));
  return kOk;
}

int plot_roofline(Environment& env, const RooflineArgs& args) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(args.solver);
  if (solver == nullptr) return env.fail(registry.unknown_solver(args.solver));
  SvgChart chart(fmt::format("Roofline ({}, efficiency {})", args.precision, args.efficiency),
                 {"arithmetic intensity [FLOP/B]", true, ""}, {"performance [FLOP/s]", true, "FLOP/s"});
  bool first = true;
  for (const std::string& device : split_list(args.hardware)) {
    Result<HardwareRef> hw = registry.hardware(device);
    if (!hw.ok()) return env.fail(hw.error());
    const FlopRate* at_precision = (*hw)->find_precision_flops(args.precision);
    const double peak = (at_precision ? *at_precision : (*hw)->peak_flops).value();
    const double bw = (*hw)->memory_bandwidth.value(), ridge = peak / bw;
    const std::string colour = chart.add_line(
        fmt::format("{} ({}, {})", (*hw)->id, human_quantity(peak, dims::flop_rate), human_quantity(bw, dims::byte_rate)),
        {{ridge / 1e4, ridge / 1e4 * bw}, {ridge, peak}, {ridge * 1e3, peak}});
    chart.add_vertical(ridge, colour);
    chart.add_marker(ridge, peak, fmt::format("ridge {:.3g}", ridge), colour);
    if (first) chart.add_region(ridge, "← memory-bound", "compute-bound →");
    first = false;
    if (args.models.empty()) continue;
    for (const std::string& model : split_list(args.models))
      for (const std::string& batch : split_list(args.batch_sizes)) {
        Record inputs;
        const std::pair<const char*, std::string> given[] = {{"model", model}, {"hardware", device},
            {"batch_size", batch}, {"precision", args.precision}, {"efficiency", args.efficiency}};
        for (const auto& [name, text] : given)
          if (Status s = set_input(registry, solver->info(), name, text, inputs); !s.ok()) return env.fail(s.error());
        Session session(registry);
        Result<Record> out = solver->solve(inputs, session);
        if (!out.ok()) return env.fail(out.error());
        const double ai = number_of(*out->find("arithmetic_intensity"));
        const double flops = number_of(*out->find("latency_compute")) * number_of(*out->find("peak_flops_actual"));
        chart.add_marker(ai, flops / number_of(*out->find("latency")), fmt::format("{} b{}", model, batch), colour);
      }
  }
  return finish(env, chart, args.file);
}

struct SweepPlotArgs {
  std::string solver, y, log = "auto", file;
  std::vector<std::string> overs, sets;
};

int plot_sweep(Environment& env, const SweepPlotArgs& args) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(args.solver);
  if (solver == nullptr) return env.fail(registry.unknown_solver(args.solver));
  const SolverInfo& info = solver->info();
  if (args.overs.empty() || args.overs.size() > 2)
    return env.fail(Error::bad_input("--over", "plot sweep takes one --over for the x axis and optionally one for the lines"));
  const PortInfo* y = info.find_output(args.y);
  if (y == nullptr) return env.fail(Error::bad_input("--y", fmt::format("solver '{}' has no output '{}'", info.contract_name(), args.y)));
  Result<Record> fixed = inputs_from_sets(registry, info, args.sets);
  if (!fixed.ok()) return env.fail(fixed.error());
  Result<std::vector<SweepAxis>> parsed = axes_from_overs(registry, info, args.overs);
  if (!parsed.ok()) return env.fail(parsed.error());
  const std::vector<SweepAxis>& axes = *parsed;
  const SweepAxis& x = axes[0];
  if (x.size() > 100000) return env.fail(Error::bad_input("--over", "the x axis has more than 100000 values"));
  if (std::isnan(number_of(x.value(0))))
    return env.fail(Error::bad_input("--over", fmt::format("the x axis '{}' must be numeric", x.name())));
  const bool has_lines = axes.size() == 2;
  const std::uint64_t lines = has_lines ? std::min<std::uint64_t>(axes[1].size(), 20) : 1;
  std::vector<std::vector<std::pair<double, double>>> series(lines);
  // The sweep engine's runner sets the axes, spec fields ("fleet.count") included.
  const SolverTarget target(registry, *solver, *fixed);
  const SweepSpace space(axes);
  if (Status s = target.check(space); !s.ok()) return env.fail(s.error());
  const std::unique_ptr<SweepTarget::Runner> runner = target.runner(space);
  Record outputs;
  for (std::uint64_t l = 0; l < lines; ++l)
    for (std::uint64_t i = 0; i < x.size(); ++i) {
      const std::uint64_t position[2] = {i, l};
      if (Status s = runner->run(std::span(position, axes.size()), outputs); !s.ok()) return env.fail(s.error());
      series[l].emplace_back(number_of(x.value(i)), number_of(*outputs.find(args.y)));
    }
  const Dimension x_dimension = target.axis_dimension(x);
  const std::string x_unit = x_dimension.dimensionless() ? "" : x_dimension.unit_symbol();
  const auto unit_of = [](const PortInfo& p) { return p.kind == ValueKind::kQuantity ? p.dimension.unit_symbol() : ""; };
  const auto span_is_wide = [&](std::size_t coord) {
    double lo = INFINITY, hi = 0;
    for (const auto& s : series)
      for (const auto& p : s) {
        const double v = coord == 0 ? p.first : p.second;
        if (v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
      }
    return hi > 0 && hi / lo >= 50;
  };
  const bool log_x = args.log == "auto" ? span_is_wide(0) : args.log.find('x') != std::string::npos;
  const bool log_y = args.log == "auto" ? span_is_wide(1) : args.log.find('y') != std::string::npos;
  SvgChart chart(fmt::format("{}: {} vs {}", solver->full_name(), args.y, x.name()),
                 {fmt::format("{}{}", x.name(), x_unit.empty() ? "" : " [" + x_unit + "]"), log_x, x_unit},
                 {fmt::format("{}{}", args.y, unit_of(*y).empty() ? "" : " [" + unit_of(*y) + "]"), log_y, unit_of(*y)});
  for (std::uint64_t l = 0; l < lines; ++l)
    chart.add_line(has_lines ? fmt::format("{}={}", axes[1].name(), axes[1].label(l)) : args.y, std::move(series[l]));
  return finish(env, chart, args.file);
}

}  // namespace

void add_plot_command(CLI::App& app, Environment& env, int& exit_code) {
  CLI::App* plot = app.add_subcommand("plot", "Draw a roofline or a sweep as SVG (or PNG)");
  plot->require_subcommand(1);

  auto r = std::make_shared<RooflineArgs>();
  CLI::App* roof = plot->add_subcommand("roofline", "Roofline: one roof per device, operating points per model and batch");
  roof->add_option("--hardware", r->hardware, "Devices, comma-separated (zoo ids)")->required();
  roof->add_option("--model", r->models, "Models, comma-separated: their operating points");
  roof->add_option("--batch-size", r->batch_sizes, "Batch sizes, comma-separated (default 1)");
  roof->add_option("--precision", r->precision, "Precision (default fp16)");
  roof->add_option("--efficiency", r->efficiency, "Efficiency (default 0.5)");
  roof->add_option("--solver", r->solver, "Roofline variant for the operating points (default roofline)");
  roof->add_option("--file", r->file, "Write here instead of stdout (.svg, or .png with rsvg-convert)");
  roof->callback([r, &env, &exit_code] { exit_code = plot_roofline(env, *r); });

  auto s = std::make_shared<SweepPlotArgs>();
  CLI::App* sweep = plot->add_subcommand("sweep", "An output against a swept axis, one line per value of a second axis");
  sweep->add_option("solver", s->solver, "Solver name")->required();
  sweep->add_option("--over", s->overs, "The x axis, then (optional) the axis of the lines, as `sweep --over`")->required();
  sweep->add_option("--set", s->sets, "Fixed input name=value (repeatable)");
  sweep->add_option("--y", s->y, "The output on the y axis")->required();
  sweep->add_option("--log", s->log, "Log axes: auto (a span of 50x or more), x, y, xy or none");
  sweep->add_option("--file", s->file, "Write here instead of stdout (.svg, or .png with rsvg-convert)");
  sweep->callback([s, &env, &exit_code] { exit_code = plot_sweep(env, *s); });
}

}  // namespace mlsysim::cli
