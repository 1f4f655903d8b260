// data:reference — MLSys·im 0.1.0's DataModel (physics.md §3). Can storage
// and the host link feed the accelerator at the workload's data rate?
#include <limits>

#include "mlsysim/contracts/data.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::data {
namespace {

const char* kDoc =
    "MLSys·im 0.1.0 DataModel, reproduced exactly. Quirks kept for parity: a missing storage or "
    "interconnect counts as 0 B/s and supply is min(storage, interconnect), so a device with an "
    "interconnect but no storage (every zoo device except H100/H200) has supply 0, utilization inf, "
    "is stalled even at zero demand, and reports bottleneck \"Interconnect\"; \"Storage\" is "
    "reported only when 0 < storage < interconnect (a tie reports \"Interconnect\"); a demand "
    "exactly equal to supply is not stalled. A negative demand is refused as bad_input (0.1.0 "
    "accepted any rate; no reference case uses one).";

MLSYSIM_COLD void note_no_supply(sdk::Call<contracts::Data>& call, bool has_storage) {
  call.note(has_storage ? "the device has no interconnect, which 0.1.0 counts as 0 B/s: supply is 0, so utilization "
                          "is inf and the pipeline always stalls (a rule kept for parity, not a measured supply)"
                        : "the device lists no storage, which 0.1.0 counts as 0 B/s: supply is 0, so utilization is "
                          "inf and the pipeline always stalls (a rule kept for parity; give the device a storage "
                          "bandwidth to model its supply)");
}

Status solve(sdk::Call<contracts::Data>& call) {
  const auto& c = call.contract();
  const ByteRate demand = call[c.in.workload_data_rate];
  const HardwareRef& hw = call[c.in.hardware];

  const ByteRate zero = 0.0 * unit::bytes_per_second;
  const ByteRate storage = hw->storage ? hw->storage->bandwidth : zero;
  const ByteRate io = hw->interconnect ? hw->interconnect->bandwidth : zero;
  const ByteRate supply = io < storage ? io : storage;  // Python min(storage, io)
  const double utilization =
      supply > zero ? demand.value() / supply.value() : std::numeric_limits<double>::infinity();
  const bool storage_bound = storage < io && storage > zero;
  if (!(supply > zero)) note_no_supply(call, hw->storage.has_value());

  call.set(c.out.is_stalled, utilization > 1.0)
      .set(c.out.utilization, utilization)
      .set(c.out.demand_bw, demand)
      .set(c.out.supply_bw, supply)
      .set(c.out.bottleneck, storage_bound ? "Storage" : "Interconnect")
      .set(c.out.margin, supply - demand);
  return {};
}

}  // namespace
}  // namespace mlsysim::data

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Data, "reference", "0.1.0", mlsysim::data::kDoc,
                       mlsysim::data::solve)
