// `mlsysim serve MODEL HARDWARE`: one LLM serving case as a two-phase report
// (prefill, then decode), with memory against the decode device's capacity.
// The flags are MLSys·im's ServingModel arguments; `-o json` prints the same
// payload as `solve serving`.
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "human.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct ServeArgs {
  std::string model, hardware, solver = "serving";
  std::string seq_len = "2048";
  std::optional<std::string> batch_size, precision, efficiency, decode_hardware, network_bandwidth,
      draft_model, acceptance_rate, cached_prefix_len, output_tokens;
  ResultChecks checks;
};

const Value& output(const Record& r, std::string_view name) {
  static const Value null;
  const Value* v = r.find(name);
  return v ? *v : null;
}

double number(const Record& r, std::string_view name) {
  const Value& v = output(r, name);
  if (const Quantity* q = v.if_quantity()) return q->value;
  if (const double* d = v.if_number()) return *d;
  if (const std::int64_t* i = v.if_integer()) return static_cast<double>(*i);
  return 0.0;
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
  auto input_text = [&](std::string_view port, std::string_view fallback) {
    const Value* v = inputs.find(port);
    return v ? human(*v) : std::string(fallback);
  };
  const HardwareSpec* prefill = device(inputs, "hardware");
  const HardwareSpec* decode = device(inputs, "decode_hardware");
  const bool disaggregated = decode != nullptr;
  if (!disaggregated) decode = prefill;
  const std::string prefill_device = prefill->name, decode_device = decode->name;

  note(fmt::format("{} on {} ({}): {}, batch {}, context {} tokens\n", model_name(inputs, "model"),
                   disaggregated ? prefill_device + " -> " + decode_device : prefill_device,
                   solver.full_name(), input_text("precision", "fp16"), input_text("batch_size", "1"),
                   input_text("seq_len", "?")));
  if (disaggregated)
    note(fmt::format("  disaggregated: prefill on {}, decode on {}, KV cache sent over {}\n",
                     prefill_device, decode_device, input_text("network_bandwidth", "100 GB/s")));
  if (const std::string draft = model_name(inputs, "draft_model"); !draft.empty())
    note(fmt::format("  speculative decoding: draft {}, acceptance rate {}\n", draft,
                     input_text("draft_acceptance_rate", "0.7")));

  const double itl = number(out, "itl");
  const double per_request = itl > 0 ? 1 / itl : 0.0;
  const double hit = number(out, "prompt_cache_hit_ratio");
  Table table({"phase", "figure", "value"});
  table.add({"prefill", "time to first token", output(out, "ttft")});
  table.add({"", "prompt cache hit ratio", Cell(Value(hit), fmt::format("{:.1f}%", 100 * hit))});
  table.add({"decode", "inter-token latency", output(out, "itl")});
  table.add({"", "tokens/s per request", Cell(Value(per_request), fmt::format("{:.4g}", per_request))});
  table.add({"", "tokens/s in total", Cell(output(out, "decode_throughput"),
                                           fmt::format("{:.4g}", number(out, "decode_throughput")))});
  table.add({"", fmt::format("request of {} output tokens", input_text("output_tokens", "128")),
             output(out, "request_latency")});
  table.add({"memory", "weights", output(out, "model_weights_size")});
  table.add({"", "KV cache", output(out, "kv_cache_size")});
  table.add({"", fmt::format("used / capacity of {}", decode_device),
             Cell(output(out, "total_memory_required"),
                  fmt::format("{} / {} ({:.1f}%)", human(output(out, "total_memory_required")),
                              human_quantity(decode->memory_capacity.value(), dims::bytes),
                              100 * number(out, "memory_utilization")))});
  table.add({"", "largest batch that fits", output(out, "max_batch_size")});
  table.add({"feasible", "", output(out, "feasible")});
  fmt::print("{}", table.render());
}

}  // namespace

void add_serve_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand(
      "serve", "LLM serving of MODEL on HARDWARE: TTFT, ITL, KV cache, fit (MLSys·im's ServingModel)");
  serve->add_option("model", args->model, "Transformer id, e.g. Llama3_8B")->required();
  serve->add_option("hardware", args->hardware, "Prefill (and decode) device id, e.g. H100")
      ->required();
  serve->add_option("-s,--seq-len", args->seq_len,
                    "Context length in tokens: prompt, or prompt + output (default 2048)");
  serve->add_option("-b,--batch-size", args->batch_size, "Sequences served together (default 1)");
  serve->add_option("-p,--precision", args->precision, "Precision (default fp16)");
  serve->add_option("-e,--efficiency", args->efficiency,
                    "Achieved fraction of peak FLOP/s in prefill (default 0.5)");
  serve->add_option("--decode-hardware", args->decode_hardware,
                    "Separate decode device (disaggregated serving)");
  serve->add_option("--network-bandwidth", args->network_bandwidth,
                    "Prefill-to-decode link for the KV cache (default 100 GB/s)");
  serve->add_option("--draft-model", args->draft_model, "Draft transformer (speculative decoding)");
  serve->add_option("--draft-acceptance-rate", args->acceptance_rate,
                    "Probability a drafted token is accepted, in [0, 1] (default 0.7)");
  serve->add_option("--cached-prefix-len", args->cached_prefix_len,
                    "Prompt tokens already in the KV cache (prompt caching; default 0)");
  serve->add_option("--output-tokens", args->output_tokens,
                    "Tokens generated per request, for the request latency (default 128)");
  serve->add_option("--solver", args->solver, "Serving variant (default: serving)");
  serve->add_flag("--fail-infeasible", args->checks.fail_infeasible,
                  "Exit 2 if weights + KV cache do not fit");
  serve->add_option("--require", args->checks.requires_,
                    "Exit 3 unless OUTPUT<op>VALUE holds, e.g. 'itl<=20 ms' (repeatable)");
  serve->callback([args, &env, &exit_code] {
    const Registry& registry = env.registry();
    const SolverHandle* solver = registry.find_solver(args->solver);
    if (solver == nullptr) {
      exit_code = env.fail(registry.unknown_solver(args->solver));
      return;
    }
    const std::pair<const char*, std::optional<std::string>> given[] = {
        {"model", args->model},
        {"hardware", args->hardware},
        {"seq_len", args->seq_len},
        {"batch_size", args->batch_size},
        {"precision", args->precision},
        {"efficiency", args->efficiency},
        {"decode_hardware", args->decode_hardware},
        {"network_bandwidth", args->network_bandwidth},
        {"draft_model", args->draft_model},
        {"draft_acceptance_rate", args->acceptance_rate},
        {"cached_prefix_len", args->cached_prefix_len},
        {"output_tokens", args->output_tokens}};
    Record inputs;
    for (const auto& [name, text] : given) {
      if (!text) continue;
      if (Status s = set_input(registry, solver->info(), name, *text, inputs); !s.ok()) {
        exit_code = env.fail(s.error());
        return;
      }
    }
    exit_code = solve_and_print(env, *solver, inputs, args->checks, print_report);
  });
}

}  // namespace mlsysim::cli
