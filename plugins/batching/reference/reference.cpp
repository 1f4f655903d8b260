// batching:reference — MLSys·im 0.1.0's BatchingOptimizer (physics-more.md §3.4).
#include <cstdint>

#include <fmt/format.h>

#include "mlsysim/contracts/batching.hpp"
#include "mlsysim/contracts/serving.hpp"
#include "mlsysim/contracts/tail_latency.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::batching {
namespace {

const char* kDoc =
    "MLSys·im 0.1.0 BatchingOptimizer, reproduced exactly: every batch size 1 .. max_search_batch "
    "through the serving contract (rejected if infeasible) and tail_latency (service time = TTFT + "
    "seq_len x ITL, arrivals at arrival_rate_qps / batch, cv 1; rejected if unstable or P99 above the "
    "SLA); the largest accepted batch wins. Quirks kept for parity: the queue sees "
    "batches arriving at rate / batch, so larger batches always lighten it; max_throughput is "
    "arrival_rate_qps x seq_len whatever the batch; no batch found gives zeros, not an error. Refused "
    "where 0.1.0 dies of a Python accident: max_search_batch 0, a model that is not a transformer, "
    "efficiency 0 (serving refuses the last two); more than 1e7 batch sizes (0.1.0 would run for days). "
    "Batch sizes are tried from the largest that fits in memory downwards (the same answer, sooner).";

constexpr std::int64_t kMostSearched = 10'000'000;

// One batch size tried: serving's latency, then the queue it implies.
class Trial {
 public:
  Trial(Bound<contracts::Serving> serving, Bound<contracts::TailLatency> queue)
      : serving_(std::move(serving)), queue_(std::move(queue)) {}

  // Whether batch b's weights and KV cache fit (an error if serving refuses).
  Result<bool> fits(Context& ctx, std::int64_t b) {
    const auto& s = serving_.contract();
    serving_.set(s.in.batch_size, b);
    if (Status st = serving_.run(ctx, "batch"); !st.ok()) return st.error();
    return serving_[s.out.feasible];
  }
  // Whether batch b fits and its queue meets the SLA.
  Result<bool> accepts(Context& ctx, std::int64_t b, double arrival_rate, std::int64_t seq_len, double sla_ms) {
    Result<bool> fit = fits(ctx, b);
    if (!fit.ok() || !*fit) return fit;
    const auto& s = serving_.contract();
    const double service_ms =
        (serving_[s.out.ttft] + static_cast<double>(seq_len) * serving_[s.out.itl]).value() * 1000.0;
    const auto& q = queue_.contract();
    queue_.set(q.in.arrival_rate_qps, arrival_rate / static_cast<double>(b)).set(q.in.service_latency_ms, service_ms);
    if (Status st = queue_.run(ctx, "queue"); !st.ok()) return st.error();
    return queue_[q.out.is_stable] && !(p99() > sla_ms / 1000.0);
  }
  double p99() const { return queue_[queue_.contract().out.p99_latency].value(); }
  double headroom() const { return queue_[queue_.contract().out.slo_violation_probability]; }

 private:
  Bound<contracts::Serving> serving_;
  Bound<contracts::TailLatency> queue_;
};

// The largest b in 1 .. most that fits in memory (0 if none): memory grows
// with the batch, so fitting is monotone and a bisection finds the edge.
Result<std::int64_t> largest_fitting(Context& ctx, Trial& trial, std::int64_t most) {
  std::int64_t lo = 0, hi = most;  // lo fits (or is 0), everything above hi does not
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo + 1) / 2;
    Result<bool> fit = trial.fits(ctx, mid);
    if (!fit.ok()) return fit.error();
    if (*fit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// 0.1.0 tries every batch size and keeps the largest accepted one; trying
// them from the largest that fits downwards finds the same one sooner.
Status solve(sdk::Call<contracts::Batching>& call) {
  const auto& c = call.contract();
  const std::int64_t most = call[c.in.max_search_batch], seq_len = call[c.in.seq_len];
  if (most > kMostSearched)
    return Error::bad_input("max_search_batch", fmt::format("max_search_batch: {} batch sizes is more than {} (0.1.0 "
                                                            "would run for days)", most, kMostSearched));
  auto serving = call.bind<contracts::Serving>();
  if (!serving.ok()) return serving.error();
  auto queue = call.bind<contracts::TailLatency>();
  if (!queue.ok()) return queue.error();
  Trial trial(std::move(*serving), std::move(*queue));
  const double rate = call[c.in.arrival_rate_qps], sla = call[c.in.sla_latency_ms];

  Result<std::int64_t> edge = largest_fitting(call.context(), trial, most);
  if (!edge.ok()) return edge.error();
  std::int64_t best = 0;
  for (std::int64_t b = *edge; b >= 1 && best == 0; --b) {
    Result<bool> ok = trial.accepts(call.context(), b, rate, seq_len, sla);
    if (!ok.ok()) return ok.error();
    if (*ok) best = b;
  }
  const double throughput = best > 0 ? rate * static_cast<double>(seq_len) : 0.0;
  call.set(c.out.objective_value, throughput)
      .set(c.out.best_config_max_batch_size, best)
      .set(c.out.total_searched, most)
      .set(c.out.best_batch_size, best)
      .set(c.out.max_throughput, throughput)
      .set(c.out.p99_latency, (best > 0 ? trial.p99() : 0.0) * unit::seconds)
      .set(c.out.slo_violation_probability, best > 0 ? trial.headroom() : 0.0)
      .set(c.out.is_feasible, best > 0);
  return {};
}

}  // namespace
}  // namespace mlsysim::batching

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Batching, "reference", "0.1.0", mlsysim::batching::kDoc,
                       mlsysim::batching::solve)
