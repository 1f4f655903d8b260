// `mlsysim plot sweep`: an output against a swept input, a line (colour and
// marker) per value of a second axis, rows kept by --where, infeasible rows
// hollow and listed, the fixed inputs under the title.
#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "mlsysim/registry/sweep.hpp"
#include "mlsysim/registry/sweep_target.hpp"
#include "plot_commands.hpp"
#include "solve_printer.hpp"
#include "sweep_output.hpp"

namespace mlsysim::cli {
namespace {

struct PlottedRow {
  std::uint64_t line, position;
  double x, y;
  bool feasible;
};

// Keeps each row the engine writes as a point. format() runs on worker
// threads and passes the row on as its bytes; write() gets them in order.
class PointSink final : public SweepSink {
 public:
  PointSink(const SweepAxis& x, std::string y, bool has_lines) : x_(x), y_(std::move(y)), has_lines_(has_lines) {}
  void format(const SweepRow& row, std::string& out) const override {
    const Value* y = row.outputs.find(y_);
    const Value* feasible = row.outputs.find("feasible");
    PlottedRow r{has_lines_ ? row.position[1] : 0, row.position[0], 0, y ? plotted_number(*y) : std::nan(""),
                 feasible == nullptr || feasible->if_boolean() == nullptr || *feasible->if_boolean()};
    out.append(reinterpret_cast<const char*>(&r), sizeof r);
  }
  void write(std::string_view text) override {
    for (std::size_t at = 0; at + sizeof(PlottedRow) <= text.size(); at += sizeof(PlottedRow)) {
      PlottedRow r;
      std::memcpy(&r, text.data() + at, sizeof r);
      r.x = plotted_number(x_.value(r.position));
      rows.push_back(r);
    }
  }
  std::vector<PlottedRow> rows;

 private:
  const SweepAxis& x_;
  std::string y_;
  bool has_lines_;
};

bool spans_decades(const std::vector<PlottedRow>& rows, bool x) {
  double lo = INFINITY, hi = 0;
  for (const PlottedRow& r : rows)
    if (const double v = x ? r.x : r.y; v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
  return hi > 0 && hi / lo >= 50;
}

// "model=Llama3_70B: batch_size 1 to 1024 (11 points)" for the hollow rows of each line.
std::string hollow_summary(const std::vector<PlottedRow>& rows, const std::vector<std::string>& line_names,
                           const std::string& x_name) {
  std::vector<std::string> parts;
  for (std::size_t l = 0; l < line_names.size(); ++l) {
    double lo = INFINITY, hi = -INFINITY;
    std::size_t n = 0;
    for (const PlottedRow& r : rows)
      if (r.line == l && !r.feasible) lo = std::min(lo, r.x), hi = std::max(hi, r.x), ++n;
    if (n == 0) continue;
    const std::string range = lo == hi ? fmt::format("{} {}", x_name, plain_number(lo))
                                       : fmt::format("{} {} to {}", x_name, plain_number(lo), plain_number(hi));
    parts.push_back(fmt::format("{}{} ({} point{})", line_names[l].empty() ? "" : line_names[l] + ": ", range, n,
                                n == 1 ? "" : "s"));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string unit_of(const PortInfo& p) { return p.kind == ValueKind::kQuantity ? p.dimension.unit_symbol() : ""; }

// The fixed inputs under the title: what --set chose, and the search.
std::string fixed_inputs(const SweepPlotArgs& args) {
  std::string out = args.sets.empty() ? "Other inputs at their defaults"
                                      : fmt::format("{}; other inputs at their defaults", fmt::join(args.sets, ", "));
  if (!args.where.empty()) out += fmt::format(". Rows where {}", args.where);
  return out + ".";
}

int draw_sweep(Environment& env, const SweepPlotArgs& args, const SolverHandle& solver, const SolverTarget& target,
               const std::vector<SweepAxis>& axes, std::vector<PlottedRow>& rows) {
  if (rows.empty())
    return env.fail(Error::bad_input("--where", fmt::format("no row of the sweep holds '{}': nothing to plot", args.where)));
  std::sort(rows.begin(), rows.end(), [](const PlottedRow& a, const PlottedRow& b) {
    return a.line != b.line ? a.line < b.line : a.x < b.x;
  });
  const SweepAxis& x = axes[0];
  const bool has_lines = axes.size() == 2;
  const bool log_x = args.log == "auto" ? spans_decades(rows, true) : args.log.find('x') != std::string::npos;
  const bool log_y = args.log == "auto" ? spans_decades(rows, false) : args.log.find('y') != std::string::npos;
  const Dimension x_dimension = target.axis_dimension(x);
  SvgChart chart(fmt::format("{}: {} vs {}", solver.full_name(), args.y, x.name()),
                 PlotAxis(x.name(), log_x, x_dimension.dimensionless() ? "" : x_dimension.unit_symbol()),
                 PlotAxis(args.y, log_y, unit_of(*solver.info().find_output(args.y))), args.style);
  chart.add_subtitle(fixed_inputs(args));
  std::vector<std::string> names;
  for (std::uint64_t l = 0; l < (has_lines ? axes[1].size() : 1); ++l) {
    names.push_back(has_lines ? fmt::format("{}={}", axes[1].name(), axes[1].label(l)) : "");
    SvgChart::Line line{{}, SvgChart::colour(l)};
    for (const PlottedRow& r : rows)
      if (r.line == l) {
        line.points.emplace_back(r.x, r.y);
        chart.add_point({r.x, r.y, line.colour, SvgChart::shape(l), !r.feasible, ""});
      }
    if (line.points.empty()) continue;
    if (has_lines)  // one line needs no key: the y axis names it
      chart.add_legend({SvgChart::LegendEntry::Kind::kLineAndMarker, names.back(), line.colour, SvgChart::shape(l)});
    chart.add_line(std::move(line));
  }
  if (std::any_of(rows.begin(), rows.end(), [](const PlottedRow& r) { return !r.feasible; })) {
    chart.add_legend({SvgChart::LegendEntry::Kind::kMarker, "hollow: not feasible", "#555555", SvgChart::shape(0), true});
    chart.add_footnote(fmt::format("Hollow points are rows whose feasible output is false: {}.",
                                   hollow_summary(rows, names, x.name())));
  }
  return write_chart(env, chart, args.file);
}

}  // namespace

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
  if (std::isnan(plotted_number(x.value(0))))
    return env.fail(Error::bad_input("--over", fmt::format("the x axis '{}' must be numeric", x.name())));
  if (axes.size() == 2 && axes[1].size() > 20)
    return env.fail(Error::bad_input("--over", fmt::format("the lines' axis '{}' has {} values; a plot shows at most 20",
                                                           axes[1].name(), axes[1].size())));
  const SolverTarget target(registry, *solver, *fixed);
  SweepSearch search;
  search.where = args.where;
  Result<SweepEngine> engine = SweepEngine::create(target, SweepSpace(axes), search, {args.y});
  if (!engine.ok()) return env.fail(engine.error());
  PointSink sink(x, args.y, axes.size() == 2);
  const SweepStats stats = engine->run(sink, SweepOptions{});
  if (!stats.errors.empty()) {
    const SweepError& first = stats.errors[0];
    return env.fail({first.error.code, first.error.field,
                     fmt::format("{} (at {})", first.error.message, first.first_combination)});
  }
  return draw_sweep(env, args, *solver, target, axes, sink.rows);
}

}  // namespace mlsysim::cli
