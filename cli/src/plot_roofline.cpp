// `mlsysim plot roofline`: the classic log-log roofline. A colour per
// device, a marker shape per model, a label per batch size; the solid roof
// is the peak derated by the efficiency (the roof the solver's times use),
// the dashed one the peak, and the ridge is the roofline's ridge_point.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/registry/session.hpp"
#include "plot_commands.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

// One operating point as the solver answers it.
struct Operating {
  double intensity = 0, attained = 0;
  bool feasible = true;
};

Result<Operating> operating_point(const Registry& registry, const SolverHandle& solver, const Record& fixed,
                                  const std::string& model, const std::string& batch) {
  Record inputs = fixed;
  if (Status s = set_input(registry, solver.info(), "model", model, inputs); !s.ok()) return s.error();
  if (Status s = set_input(registry, solver.info(), "batch_size", batch, inputs); !s.ok()) return s.error();
  Session session(registry);
  Result<Record> out = solver.solve(inputs, session);
  if (!out.ok()) return out.error();
  const auto number = [&](const char* name) {
    const Value* v = out->find(name);
    return v ? plotted_number(*v) : std::nan("");
  };
  Operating o;
  o.intensity = number("arithmetic_intensity");
  // The FLOP/s attained over the whole step: its FLOPs over its latency.
  o.attained = number("latency_compute") * number("peak_flops_actual") / number("latency");
  const Value* feasible = out->find("feasible");
  o.feasible = feasible == nullptr || feasible->if_boolean() == nullptr || *feasible->if_boolean();
  return o;
}

// "Llama3_70B b1, b64 on T4, V100; GPT3 b1 on A100" from (device, case)
// pairs: devices with the same cases share a clause.
std::string listed(const std::vector<std::pair<std::string, std::string>>& cases) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_device;  // in order of appearance
  for (const auto& [device, what] : cases) {
    if (by_device.empty() || by_device.back().first != device) by_device.push_back({device, {}});
    by_device.back().second.push_back(what);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> clauses;  // cases -> devices
  for (const auto& [device, whats] : by_device) {
    const std::string joined = fmt::format("{}", fmt::join(whats, ", "));
    auto same = std::find_if(clauses.begin(), clauses.end(), [&](const auto& c) { return c.first == joined; });
    if (same == clauses.end()) same = clauses.insert(clauses.end(), {joined, {}});
    same->second.push_back(device);
  }
  std::string out;
  for (const auto& [whats, devices] : clauses)
    out += fmt::format("{}{} on {}", out.empty() ? "" : "; ", whats, fmt::join(devices, ", "));
  return out;
}

// What the picture learns as it solves, for its legend and notes.
struct Findings {
  std::vector<std::pair<std::string, std::string>> hollow, undrawn;  // (device, "model bN")
  std::vector<std::string> fallbacks;                                 // devices without the precision
  double first_ridge = 0;
};

struct RooflineInputs {
  const Registry& registry;
  const SolverHandle& solver;
  const RooflinePlotArgs& args;
  Record fixed;  // precision and efficiency
  double efficiency;
  std::vector<std::string> models, batches;
};

// One device: its roofs, ridge, legend entry and operating points.
Status draw_device(SvgChart& chart, const RooflineInputs& in, std::size_t index, const std::string& device,
                   Findings& found) {
  Result<HardwareRef> hw = in.registry.hardware(device);
  if (!hw.ok()) return hw.error();
  const std::string& precision = in.args.precision;
  const FlopRate* listed_peak = (*hw)->find_precision_flops(precision);
  if (!listed_peak && precision != "fp16" && precision != "bf16" && !(*hw)->precision_flops.empty())
    found.fallbacks.push_back((*hw)->id);
  const double peak = (listed_peak ? *listed_peak : (*hw)->peak_flops).value();
  const double bw = (*hw)->memory_bandwidth.value(), roof = peak * in.efficiency, ridge = roof / bw;
  if (index == 0) found.first_ridge = ridge;
  const std::string colour = SvgChart::colour(index);
  // Roofs reach far beyond any axis; the chart clips them to the data's.
  chart.add_line({{{ridge * 1e-8, roof * 1e-8}, {ridge, roof}, {ridge * 1e8, roof}}, colour, false, false});
  if (in.efficiency < 1)
    chart.add_line({{{ridge * 1e-8, peak * 1e-8}, {ridge / in.efficiency, peak}, {ridge * 1e8, peak}}, colour, true,
                    false});
  chart.include(ridge, roof);
  chart.include(ridge / in.efficiency, peak);
  chart.add_vertical(ridge, colour);
  chart.add_legend({SvgChart::LegendEntry::Kind::kLine, fmt::format("{}: ridge {:.3g} FLOP/B", (*hw)->id, ridge),
                    colour});
  Record on_device = in.fixed;
  if (Status s = set_input(in.registry, in.solver.info(), "hardware", device, on_device); !s.ok()) return s;
  for (std::size_t m = 0; m < in.models.size(); ++m)
    for (const std::string& batch : in.batches) {
      Result<Operating> o = operating_point(in.registry, in.solver, on_device, in.models[m], batch);
      if (!o.ok()) return o.error();
      const std::string name = fmt::format("{} b{}", in.models[m], batch);
      if (!(o->intensity > 0 && std::isfinite(o->intensity) && o->attained > 0 && std::isfinite(o->attained))) {
        found.undrawn.emplace_back((*hw)->id, name);
        continue;
      }
      if (!o->feasible) found.hollow.emplace_back((*hw)->id, name);
      chart.add_point({o->intensity, o->attained, colour, SvgChart::shape(m), !o->feasible,
                       in.batches.size() > 1 ? "b" + batch : ""});
    }
  return {};
}

void add_notes(SvgChart& chart, const RooflineInputs& in, const Findings& found) {
  for (std::size_t m = 0; m < in.models.size(); ++m)
    chart.add_legend({SvgChart::LegendEntry::Kind::kMarker, in.models[m], "#555555", SvgChart::shape(m)});
  if (!found.hollow.empty()) {
    chart.add_legend({SvgChart::LegendEntry::Kind::kMarker, "hollow: does not fit", "#555555", SvgChart::shape(0), true});
    chart.add_footnote(fmt::format("Hollow points do not fit in device memory; MLSys·im 0.1.0's rule, kept by "
                                   "roofline:reference, then serves all traffic at the offload link's bandwidth: {}.",
                                   listed(found.hollow)));
  }
  if (!found.undrawn.empty())
    chart.add_footnote(fmt::format("Not drawn (no FLOPs or no traffic, so no point on log axes): {}.",
                                   listed(found.undrawn)));
  if (!found.fallbacks.empty())
    chart.add_footnote(fmt::format("{} is not in the precision table of {}: the FP16 peak is used, as the solver "
                                   "does (it warns).",
                                   in.args.precision, fmt::join(found.fallbacks, ", ")));
}

}  // namespace

int plot_roofline(Environment& env, const RooflinePlotArgs& args) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(args.solver);
  if (solver == nullptr) return env.fail(registry.unknown_solver(args.solver));
  RooflineInputs in{registry, *solver, args, {}, 0.5, split_list(args.models), split_list(args.batch_sizes)};
  for (const auto& [name, text] : {std::pair<const char*, std::string>{"precision", args.precision},
                                   {"efficiency", args.efficiency}})
    if (Status s = set_input(registry, solver->info(), name, text, in.fixed); !s.ok()) return env.fail(s.error());
  in.efficiency = plotted_number(*in.fixed.find("efficiency"));

  SvgChart chart(fmt::format("Roofline: {}, efficiency {}", args.precision, args.efficiency),
                 PlotAxis("arithmetic intensity", true, "flop/B"), PlotAxis("performance", true, "flop/s"), args.style);
  chart.add_subtitle(fmt::format(
      "Solid roof: peak FLOP/s × efficiency {}{}; the dotted ridge is where it meets the memory bandwidth (the "
      "roofline's ridge_point). Points: the FLOP/s each step attains at its intensity ({}).",
      args.efficiency, in.efficiency < 1 ? " (dashed: the peak)" : "", solver->full_name()));
  const std::vector<std::string> devices = split_list(args.hardware);
  Findings found;
  for (std::size_t d = 0; d < devices.size(); ++d)
    if (Status s = draw_device(chart, in, d, devices[d], found); !s.ok()) return env.fail(s.error());
  // Which side is memory-bound is one device's fact; with more, each ridge says it.
  if (devices.size() == 1) chart.add_regions(found.first_ridge, "← memory-bound", "compute-bound →");
  add_notes(chart, in, found);
  return write_chart(env, chart, args.file);
}

}  // namespace mlsysim::cli
