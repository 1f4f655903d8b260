#include "serve_load.hpp"

#include <cmath>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "human.hpp"
#include "mlsysim/contracts/continuous_batching.hpp"
#include "mlsysim/contracts/serving.hpp"
#include "mlsysim/contracts/tail_latency.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim::cli {
namespace {

constexpr double kStaticAdmission = 0.6;  // 0.1.0's static batching: 60% of the paged requests

struct Answer {
  const SolverHandle* solver = nullptr;
  Record inputs, outputs;
};

double number(const Record& r, std::string_view name) { return r.number_or(name, NAN); }

// The serving input `name` as given, else the port's default.
const Value& serving_input(const Answer& serving, std::string_view name) {
  if (const Value* v = serving.inputs.find(name)) return *v;
  static const Value null;
  const PortInfo* port = serving.solver->info().find_input(name);
  return port ? port->default_value : null;
}

Status solve(Session& session, Answer& a) {
  Result<Record> out = a.solver->solve(a.inputs, session);
  if (!out.ok()) return out.error();
  a.outputs = std::move(out).value();
  return {};
}

const SolverHandle* find(Environment& env, const std::string& name, Status& status) {
  const SolverHandle* s = env.registry().find_solver(name);
  if (s == nullptr) status = env.registry().unknown_solver(name);
  return s;
}

// Continuous batching on the serving case's model, device, context, precision and efficiency.
Status batch(Environment& env, Session& session, const Answer& serving, const LoadOptions& load, Answer& cb) {
  const auto& c = contract<contracts::ContinuousBatching>();
  for (const Name port : {c.in.model.name(), c.in.hardware.name(), c.in.seq_len.name(), c.in.precision.name(),
                         c.in.efficiency.name()})
    if (const Value* v = serving.inputs.find(port.view())) cb.inputs.set(port, *v);
  if (Status s = set_input(env.registry(), cb.solver->info(), "max_batch_size", load.max_batch_size, cb.inputs);
      !s.ok())
    return s;
  if (Status s = set_input(env.registry(), cb.solver->info(), "page_size", load.page_size, cb.inputs); !s.ok())
    return s;
  return solve(session, cb);
}

// The queue of request slots: each admitted request of each replica serves one request at a time,
// for TTFT + (output tokens - 1) decode steps with every admitted request in flight.
Status queue(Environment& env, Session& session, const Answer& serving, const Answer& cb, const LoadOptions& load,
             Answer& q) {
  const SolverInfo& info = q.solver->info();
  if (Status s = set_input(env.registry(), info, "arrival_rate_qps", load.qps, q.inputs); !s.ok()) return s;
  Record replicas;
  if (Status s = set_input(env.registry(), info, "num_replicas", load.replicas, replicas); !s.ok()) return s;
  const double output_tokens = number(Record{{"n", serving_input(serving, "output_tokens")}}, "n");
  // No request admitted is no service at all: tail_latency reads a service time of 0 as a rate of 0 (unstable).
  const bool served = number(cb.outputs, "max_active_requests") > 0;
  const double service = served ? number(serving.outputs, "ttft") + (output_tokens - 1) * number(cb.outputs, "itl") : 0.0;
  q.inputs.set(Name("service_latency_ms"), Value(service * 1000.0));
  q.inputs.set(Name("num_replicas"), Value(number(replicas, "num_replicas") * number(cb.outputs, "max_active_requests")));
  return solve(session, q);
}

void print_load(const Answer& serving, const Answer& cb, const Answer& q, const LoadOptions& load) {
  const double admitted = number(cb.outputs, "max_active_requests");
  const double output_tokens = number(Record{{"n", serving_input(serving, "output_tokens")}}, "n");
  note(fmt::format("\nunder load: {} requests/s on {} replica(s) ({}, {})\n", load.qps, load.replicas,
                   cb.solver->full_name(), q.solver->full_name()));
  auto out = [](const Answer& a, const char* name) -> Cell {
    const Value* v = a.outputs.find(name);
    return v ? Cell(*v) : Cell("-");
  };
  auto num = [](double v, std::string shown) { return Cell(Value(v), std::move(shown)); };
  const double frag = number(cb.outputs, "memory_fragmentation_pct");
  const double static_requests = admitted > 0 ? std::max(1.0, std::trunc(kStaticAdmission * admitted)) : 0.0;
  Table t({"view", "figure", "value"});
  t.add({"continuous batching", fmt::format("requests admitted (paged KV, up to {})", load.max_batch_size),
         out(cb, "max_active_requests")});
  t.add({"", "static reservation (0.1.0: 60% as many)", num(static_requests, fmt::format("{:g}", static_requests))});
  t.add({"", "throughput over static", out(cb, "speedup_vs_static")});
  t.add({"", "paged KV cache", out(cb, "paged_kv_cache_size")});
  t.add({"", fmt::format("empty share of the last page ({} tokens)", load.page_size),
         num(frag, fmt::format("{:.2f}%", 100 * frag))});
  t.add({"", "decode step, all admitted", out(cb, "itl")});
  t.add({"", "tokens/s per replica", out(cb, "throughput_tokens_per_sec")});
  const double servers = number(q.inputs, "num_replicas"), service = number(q.inputs, "service_latency_ms") / 1000;
  t.add({"queue (M/M/c)", "servers (replicas x admitted)", num(servers, fmt::format("{:g}", servers))});
  t.add({"", fmt::format("service time (TTFT + {:g} steps)", output_tokens - 1),
         admitted > 0 ? num(service, human_quantity(service, dims::time)) : Cell("none: no request fits")});
  t.add({"", "utilisation", out(q, "queue_utilization")});
  t.add({"", "P50 latency", out(q, "p50_latency")});
  t.add({"", "P99 latency", out(q, "p99_latency")});
  t.add({"", "stable", out(q, "is_stable")});
  fmt::print("{}", t.render());
}

void print_json(const Answer& serving, const Answer& cb, const Answer& q, const Session& session) {
  auto part = [](const Answer& a) {
    std::string text = "{\"solver\":";
    append_json_string(text, a.solver->full_name());
    text += ",\"outputs\":";
    append_json(text, a.outputs);
    return Json::parse(text + "}");
  };
  Json doc = part(serving);
  doc["continuous_batching"] = part(cb);
  doc["tail_latency"] = part(q);
  doc["warnings"] = session.warnings();
  doc["notes"] = session.notes();
  fmt::print("{}\n", doc.dump(2));
}

}  // namespace

void LoadOptions::add(CLI::App& serve) {
  serve.add_option("--qps", qps, "Arrival rate (requests/s): adds the continuous-batching and P50/P99 view");
  serve.add_option("--replicas", replicas, "With --qps: replicas serving the load (default 1)");
  serve.add_option("--max-batch-size", max_batch_size, "With --qps: most requests a replica admits (default 256)");
  serve.add_option("--page-size", page_size, "With --qps: tokens per KV page (default 16)");
}

int serve_under_load(Environment& env, const std::string& serving_solver, const PortOptions& ports,
                     const LoadOptions& load, const ResultChecks& checks, const ReportPrinter& serving_report) {
  if (Status s = checks.parse(); !s.ok()) return env.fail(s.error());
  Status found;
  Answer serving, cb, q;
  serving.solver = find(env, serving_solver, found);
  cb.solver = find(env, "continuous_batching", found);
  q.solver = find(env, "tail_latency", found);
  if (!found.ok()) return env.fail(found.error());
  if (Status s = ports.apply(env.registry(), serving.solver->info(), serving.inputs); !s.ok()) return env.fail(s.error());
  Session session(env.registry());
  Status st = solve(session, serving);
  if (st.ok()) st = batch(env, session, serving, load, cb);
  if (st.ok()) st = queue(env, session, serving, cb, load, q);
  for (const std::string& w : session.warnings()) env.warn(w);
  for (const std::string& n : session.notes()) env.note(n);
  if (!st.ok()) return env.fail(st.error());
  if (env.json()) {
    print_json(serving, cb, q, session);
  } else {
    serving_report(*serving.solver, serving.inputs, serving.outputs);
    print_load(serving, cb, q, load);
  }
  const SolvedResult results[] = {
      {&serving.solver->info(), &serving.outputs}, {&cb.solver->info(), &cb.outputs}, {&q.solver->info(), &q.outputs}};
  return apply_checks(env, results, checks);
}

}  // namespace mlsysim::cli
