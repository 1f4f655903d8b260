// The data solver: MLSys·im 0.1.0's DataModel (physics.md §3). Can storage
// and the host link feed the accelerator at the workload's data rate?
#include <algorithm>
#include <limits>
#include <memory>

#include "mlsysim/sdk/plugin.hpp"

namespace mlsysim::data {
namespace {

const Input<ByteRate> kDemand{"workload_data_rate", "data the workload consumes per second (demand)"};
const Input<HardwareRef> kHardware{"hardware", "device whose storage and interconnect supply the data"};

const Output<bool> kIsStalled{"is_stalled", "utilization > 1 (always true when supply is 0)"};
const Output<double> kUtilization{"utilization", "demand / supply; inf when supply is 0"};
const Output<ByteRate> kDemandBw{"demand_bw", "the workload data rate"};
const Output<ByteRate> kSupplyBw{"supply_bw", "min(storage bandwidth, interconnect bandwidth), a missing one counting 0"};
const Output<std::string> kBottleneck{"bottleneck", "\"Storage\" if 0 < storage < interconnect, else \"Interconnect\""};
const Output<ByteRate> kMargin{"margin", "supply - demand"};

const char* kDoc =
    "MLSys·im 0.1.0 DataModel, reproduced exactly. Quirks kept for parity: a missing storage or "
    "interconnect counts as 0 B/s and supply is min(storage, interconnect), so a device with an "
    "interconnect but no storage (every zoo device except H100/H200) has supply 0, utilization inf, "
    "is stalled even at zero demand, and reports bottleneck \"Interconnect\"; \"Storage\" is "
    "reported only when 0 < storage < interconnect (a tie reports \"Interconnect\"); a demand "
    "exactly equal to supply is not stalled. The demand is not validated (0.1.0 accepts any rate).";

class DataSolver final : public Solver {
 public:
  DataSolver() {
    info_.name = "data";
    info_.version = "0.1.0";
    info_.summary = "Data pipeline: can storage and the host link keep up with the workload (MLSys·im DataModel)";
    info_.doc = kDoc;
    info_.inputs = {kDemand.info(), kHardware.info()};
    info_.outputs = {kIsStalled.info(), kUtilization.info(), kDemandBw.info(),
                     kSupplyBw.info(),  kBottleneck.info(),  kMargin.info()};
  }
  const SolverInfo& info() const override { return info_; }

  Status solve(const Record& inputs, Record& outputs, Context&) const override {
    InputReader in(inputs);
    const ByteRate demand = in.get(kDemand);
    const HardwareRef& hw = in.get(kHardware);
    if (!in.ok()) return in.error();

    const ByteRate zero = 0.0 * unit::bytes_per_second;
    const ByteRate storage = hw->storage ? hw->storage->bandwidth : zero;
    const ByteRate io = hw->interconnect ? hw->interconnect->bandwidth : zero;
    const ByteRate supply = io < storage ? io : storage;  // Python min(storage, io)
    const double utilization =
        supply > zero ? demand.value() / supply.value() : std::numeric_limits<double>::infinity();
    const bool storage_bound = storage < io && storage > zero;

    OutputWriter(outputs, 6)
        .set(kIsStalled, utilization > 1.0)
        .set(kUtilization, utilization)
        .set(kDemandBw, demand)
        .set(kSupplyBw, supply)
        .set(kBottleneck, std::string(storage_bound ? "Storage" : "Interconnect"))
        .set(kMargin, supply - demand);
    return {};
  }

 private:
  SolverInfo info_;
};

Status register_data(PluginRegistrar& registrar) {
  registrar.add_solver(std::make_unique<DataSolver>());
  return {};
}

}  // namespace
}  // namespace mlsysim::data

MLSYSIM_PLUGIN("data", "0.1.0", mlsysim::data::register_data)
