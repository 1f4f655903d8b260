// The tail_latency contract: the P50 and P99 latency of requests queued on
// replicas of a service (M/M/c, Erlang C, with a correction for the service
// time's variability), MLSys·im 0.1.0's TailLatencyModel (reference/physics-more.md
// §3.3). The reference implementation is plugins/tail_latency/reference.
#pragma once

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class TailLatency final : public Contract {
 public:
  TailLatency() : Contract("tail_latency", "1", "P50/P99 latency of a request queue on c replicas (M/M/c)") {
    describe(Tier::kModel, {7});
  }

  struct Inputs {
    Contract& c;
    const Input<double> arrival_rate_qps{c, "arrival_rate_qps", "requests arriving per second"};
    const Input<double> service_latency_ms{c, "service_latency_ms", "mean service time of one request, in ms"};
    const Input<double> num_replicas{c, "num_replicas", 1.0, "servers (truncated, at least 1)"};
    const Input<double> service_time_cv{c, "service_time_cv", 1.0,
                                        "coefficient of variation of the service time (1: exponential)",
                                        at_least(0.0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Seconds> p50_latency{c, "p50_latency", "median wait + service time (infinite when unstable)"};
    const Output<Seconds> p99_latency{c, "p99_latency", "99th-percentile wait + service time"};
    const Output<double> queue_utilization{c, "queue_utilization", "arrival rate / capacity (1 when unstable)"};
    const Output<bool> is_stable{c, "is_stable", "utilisation below 1"};
    const Output<double> slo_violation_probability{
        c, "slo_violation_probability",
        "0.1.0's name for P99 wait / (5 x service time), not a probability (1 when unstable)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
