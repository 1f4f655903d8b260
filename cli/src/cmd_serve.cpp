// `mlsysim serve MODEL HARDWARE`: one LLM serving case as a two-phase report
// (prefill, then decode), with memory against the decode device's capacity.
// Its options are the serving contract's inputs (--seq-len, --batch-size,
// ...), derived from the ports; `-o json` prints the same payload as
// `solve serving`. With --qps it adds the view under load (serve_load.hpp).
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/contracts/serving.hpp"
#include "port_options.hpp"
#include "serve_load.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct ServeArgs {
  std::string solver = "serving";
  PortOptions ports;  // MODEL HARDWARE, and every other input of the serving contract as an option
  ResultChecks checks;
  LoadOptions load;  // --qps and its companions
};

const Value& output(const Record& r, std::string_view name) {
  static const Value null;
  const Value* v = r.find(name);
  return v ? *v : null;
}

std::string model_name(const Record& inputs, std::string_view port) {
  const Value* v = inputs.find(port);
  return v && v->if_model() ? (*v->if_model())->name : std::string();
}

const HardwareSpec* device(const Record& inputs, std::string_view port) {
  const Value* v = inputs.find(port);
  return v && v->if_hardware() ? v->if_hardware()->get() : nullptr;
}

// The report a person reads: what was asked, then each phase, then memory.
void print_report(const SolverHandle& solver, const Record& inputs, const Record& out) {
  const contracts::Serving& c = contract<contracts::Serving>();
  auto input_text = [&](const auto& port) {  // the given value, else the contract's default
    const Value* v = inputs.find(port.name());
    const PortInfo* declared = solver.info().find_input(port.name().view());
    return v ? human(*v) : declared ? human(declared->default_value) : std::string("-");
  };
  auto out_of = [&](const auto& port) -> const Value& { return output(out, port.name().view()); };
  auto number_of = [&](const auto& port) { return out.number_or(port.name().view(), 0.0); };
  const HardwareSpec* prefill = device(inputs, c.in.hardware.name().view());
  const HardwareSpec* decode = device(inputs, c.in.decode_hardware.name().view());
  const bool disaggregated = decode != nullptr;
  if (!disaggregated) decode = prefill;
  const std::string prefill_device = prefill->name, decode_device = decode->name;

  note(fmt::format("{} on {} ({}): {}, batch {}, context {} tokens\n", model_name(inputs, c.in.model.name().view()),
                   disaggregated ? prefill_device + " -> " + decode_device : prefill_device,
                   solver.full_name(), input_text(c.in.precision), input_text(c.in.batch_size),
                   input_text(c.in.seq_len)));
  if (disaggregated)
    note(fmt::format("  disaggregated: prefill on {}, decode on {}, KV cache sent over {}\n",
                     prefill_device, decode_device, input_text(c.in.network_bandwidth)));
  if (const std::string draft = model_name(inputs, c.in.draft_model.name().view()); !draft.empty())
    note(fmt::format("  speculative decoding: draft {}, acceptance rate {}\n", draft,
                     input_text(c.in.draft_acceptance_rate)));

  const double itl = number_of(c.out.itl);
  const double per_request = itl > 0 ? 1 / itl : 0.0;
  const double hit = number_of(c.out.prompt_cache_hit_ratio);
  Table table({"phase", "figure", "value"});
  table.add({"prefill", "time to first token", out_of(c.out.ttft)});
  table.add({"", "prompt cache hit ratio", Cell(Value(hit), fmt::format("{:.1f}%", 100 * hit))});
  table.add({"decode", "inter-token latency", out_of(c.out.itl)});
  table.add({"", "tokens/s per request", Cell(Value(per_request), fmt::format("{:.4g}", per_request))});
  table.add({"", "tokens/s in total", Cell(out_of(c.out.decode_throughput),
                                           fmt::format("{:.4g}", number_of(c.out.decode_throughput)))});
  table.add({"", fmt::format("request of {} output tokens", input_text(c.in.output_tokens)),
             out_of(c.out.request_latency)});
  table.add({"memory", "weights", out_of(c.out.model_weights_size)});
  table.add({"", "KV cache", out_of(c.out.kv_cache_size)});
  table.add({"", fmt::format("used / capacity of {}", decode_device),
             Cell(out_of(c.out.total_memory_required),
                  fmt::format("{} / {} ({:.1f}%)", human(out_of(c.out.total_memory_required)),
                              human_quantity(decode->memory_capacity.value(), dims::bytes),
                              100 * number_of(c.out.memory_utilization)))});
  table.add({"", "largest batch that fits", out_of(c.out.max_batch_size)});
  table.add({"feasible", "", out_of(c.out.feasible)});
  fmt::print("{}", table.render());
}

}  // namespace

void add_serve_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand(
      "serve", "LLM serving of MODEL on HARDWARE: TTFT, ITL, KV cache, fit (MLSys·im's ServingModel)");
  const contracts::Serving& c = contract<contracts::Serving>();
  args->ports.add_positional(*serve, c.in.model.name(), "Transformer id, e.g. Llama3_8B");
  args->ports.add_positional(*serve, c.in.hardware.name(), "Prefill (and decode) device id, e.g. H100");
  args->ports.add(*serve, c.inputs(),
                  {{c.in.seq_len.name(), "-s"}, {c.in.batch_size.name(), "-b"},
                   {c.in.precision.name(), "-p"}, {c.in.efficiency.name(), "-e"}});
  serve->add_option("--solver", args->solver, "Serving variant (default: serving)");
  serve->add_flag("--fail-infeasible", args->checks.fail_infeasible,
                  "Exit 2 if weights + KV cache do not fit");
  serve->add_option("--require", args->checks.requires_,
                    "Exit 3 unless OUTPUT<op>VALUE holds, e.g. 'itl<=20 ms' (repeatable)");
  args->load.add(*serve);
  serve->callback([args, &env, &exit_code] {
    exit_code = args->load.given()
                    ? serve_under_load(env, args->solver, args->ports, args->load, args->checks, print_report)
                    : solve_from_options(env, args->solver, args->ports, args->checks, print_report);
  });
}

}  // namespace mlsysim::cli
