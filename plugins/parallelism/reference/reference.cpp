// parallelism:reference — MLSys·im 0.1.0's ParallelismOptimizer
// (physics-more.md §1.4): every power-of-two TP x PP split that divides the
// fleet and passes a weights-and-gradients memory screen is run through the
// distributed contract (a bound call) and ranked by its "MFU".
#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "mlsysim/contracts/distributed.hpp"
#include "mlsysim/contracts/parallelism.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"

namespace mlsysim::parallelism {
namespace {

using std::int64_t;

constexpr int64_t kLargestDegree = 512;
constexpr double kScreenBytesPerParameter = 2 * 2.0;  // weights + gradients at 2 bytes
constexpr double kScreenCapacityFraction = 0.9;
constexpr std::size_t kTopCandidates = 5;

const char* kDoc =
    "MLSys·im 0.1.0 ParallelismOptimizer, reproduced exactly. Quirks kept for parity: its \"MFU\" is "
    "the distributed step's scaling efficiency x efficiency, which rewards long node steps (fewer DP "
    "ranks, larger local batches) over real utilisation; every candidate runs with one micro-batch, so "
    "PP carries a (pp-1)/pp bubble; the memory screen counts weights and gradients at 2 bytes per "
    "parameter only (no optimizer state, activations or precision); a candidate whose distributed run "
    "fails is dropped silently; ties keep the first in loop order (TP outer, PP inner, ascending). "
    "The search is a loop over at most 10 x 10 degrees inside the plugin: plugins do not link the "
    "registry's sweep engine, and this keeps 0.1.0's order and tie rules exactly (for larger spaces, "
    "sweep the distributed contract).";

struct Candidate {
  int64_t tp, pp, dp;
  double mfu;
  Frequency throughput;
  Seconds step;
};

std::vector<int64_t> powers_of_two_up_to(int64_t limit) {
  std::vector<int64_t> out;
  for (int64_t d = 1; d <= std::min(limit, kLargestDegree); d *= 2) out.push_back(d);
  return out;
}

Record candidate_record(const Candidate& c) {
  Record r;
  r.set("config.tp", Value(c.tp));
  r.set("config.pp", Value(c.pp));
  r.set("config.dp", Value(c.dp));
  r.set("mfu", Value(c.mfu));
  r.set("throughput", Value(c.throughput));
  r.set("step_time", Value(c.step));
  return r;
}

Status solve(sdk::Call<contracts::Parallelism>& call) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  const ModelSpec& model = *call[c.in.model];
  const int64_t total = fleet.total_accelerators();
  const int64_t tp_limit = call.given(c.in.max_tp) && call[c.in.max_tp] != 0 ? call[c.in.max_tp]
                                                                             : fleet.node->accelerators_per_node;
  const int64_t pp_limit = call.given(c.in.max_pp) && call[c.in.max_pp] != 0 ? call[c.in.max_pp] : total;
  const Bytes screened = workload::weight_bytes(model, kScreenBytesPerParameter);
  const Bytes capacity = fleet.node->accelerator->memory_capacity * kScreenCapacityFraction;
  const double efficiency = call[c.in.efficiency];

  Result<Bound<contracts::Distributed>> distributed = call.bind<contracts::Distributed>();
  if (!distributed.ok()) return distributed.error();
  const auto& d = distributed->contract();
  // As 0.1.0 calls it: these four passed on (overlap on by default here,
  // off in distributed), everything else at distributed's defaults.
  distributed->set(d.in.batch_size, call[c.in.batch_size])
      .set(d.in.precision, call[c.in.precision])
      .set(d.in.efficiency, efficiency)
      .set(d.in.overlap_comm, call[c.in.overlap_comm]);
  std::vector<Candidate> candidates;
  for (int64_t tp : powers_of_two_up_to(tp_limit)) {
    for (int64_t pp : powers_of_two_up_to(pp_limit)) {
      if (tp * pp > total || total % (tp * pp) != 0) continue;
      if (screened / static_cast<double>(tp) / static_cast<double>(pp) > capacity) continue;
      distributed->set(d.in.tp_size, tp).set(d.in.pp_size, pp);
      if (!distributed->run(call.context(), fmt::format("tp {} pp {}", tp, pp)).ok()) continue;  // dropped, as 0.1.0
      const double scaling = (*distributed)[d.out.scaling_efficiency];
      candidates.push_back({tp, pp, total / (tp * pp), scaling * efficiency, (*distributed)[d.out.effective_throughput],
                            (*distributed)[d.out.step_latency_total]});
    }
  }
  if (candidates.empty())
    return Error::bad_input("fleet", "No valid parallelism configurations found for this cluster size.");
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.mfu > b.mfu; });
  RecordList top;
  for (std::size_t i = 0; i < std::min(kTopCandidates, candidates.size()); ++i)
    top.push_back(candidate_record(candidates[i]));
  const Candidate& best = candidates.front();
  const auto searched = static_cast<int64_t>(candidates.size());
  call.set(c.out.objective_value, best.mfu)
      .set(c.out.best_tp, best.tp)
      .set(c.out.best_pp, best.pp)
      .set(c.out.best_dp, best.dp)
      .set(c.out.total_searched, searched)
      .set(c.out.best_mfu, best.mfu)
      .set(c.out.best_throughput, best.throughput)
      .set(c.out.best_step_time, best.step)
      .set(c.out.search_space_size, searched)
      .set(c.out.top_candidates, std::move(top));
  return {};
}

}  // namespace
}  // namespace mlsysim::parallelism

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Parallelism, "reference", "0.1.0", mlsysim::parallelism::kDoc,
                       mlsysim::parallelism::solve)
