// tail_latency:reference — MLSys·im 0.1.0's TailLatencyModel (physics-more.md §3.3).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/tail_latency.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::tail_latency {
namespace {

constexpr double kSloServiceTimes = 5.0;  // the P99 wait budget, in mean service times
constexpr double kMostReplicas = 1e9;

const char* kDoc =
    "MLSys·im 0.1.0 TailLatencyModel, reproduced exactly: M/M/c with Erlang C computed in log space; "
    "waits scaled by (cv^2 + 1)/2 when the service time's cv is not 1. Quirks kept for parity: the "
    "replica count is truncated and at least 1 (0 or 0.5 replicas are 1); an unstable queue reports "
    "utilisation 1.0 and infinite P50/P99; slo_violation_probability is P99 wait / (5 x service time), "
    "above 1 past that budget; a negative arrival rate gives a negative utilisation and no wait. Refused: "
    "more than 1e9 replicas (0.1.0's Erlang sum would run for hours).";

// Erlang C: the probability that a request waits, P_w, as 0.1.0 computes it
// in log space; it falls back to rho when the logarithms fail (no arrivals,
// a negative rate) or overflow. The sum over i < c keeps only the terms
// within 50 standard deviations of the peak at i = a: every other term is
// below e^-745 of the largest and adds exactly 0 in double precision.
double waiting_probability(double c, double rho) {
  const double a = c * rho;
  if (!(a > 0) || !(rho < 1)) return std::clamp(rho, 0.0, 1.0);
  const double log_a = std::log(a);
  const double x = c * log_a - std::lgamma(c + 1) - std::log(1 - rho);
  const double window = 50 * std::sqrt(a) + 50;
  const double first = std::max(0.0, std::floor(a - window)), last = std::min(c - 1, std::ceil(a + window));
  auto term = [&](double i) { return i * log_a - std::lgamma(i + 1); };
  // t_i = i ln a - ln i! peaks at i = floor(a); the terms follow t_i = t_(i-1) + ln a - ln i.
  const double m = std::max(x, term(std::clamp(std::floor(a), first, last)));
  double sum = 0, t = term(first);
  for (double i = first; i <= last; ++i) {
    if (i > first) t += log_a - std::log(i);
    sum += std::exp(t - m);
  }
  const double p = std::exp(x - m) / (sum + std::exp(x - m));
  return std::clamp(std::isfinite(p) ? p : rho, 0.0, 1.0);
}

Status solve(sdk::Call<contracts::TailLatency>& call) {
  const auto& c = call.contract();
  const double lambda = call[c.in.arrival_rate_qps], service_ms = call[c.in.service_latency_ms];
  const double mu = service_ms > 0 ? 1000.0 / service_ms : 0.0;
  const double servers = std::max(1.0, std::trunc(call[c.in.num_replicas]));
  if (servers > kMostReplicas)
    return Error::bad_input("num_replicas", fmt::format("num_replicas: {:g} replicas is more than {:g} (0.1.0 sums a "
                                                        "term per replica and would not finish)",
                                                        servers, kMostReplicas));
  double rho = 1.0, w50 = INFINITY, w99 = INFINITY;
  if (lambda < servers * mu && mu != 0) {
    rho = lambda / (servers * mu);
    const double pw = waiting_probability(servers, rho);
    const double rate = servers * mu * (1 - rho);
    w50 = pw < 0.5 ? 0.0 : -std::log(0.5 / pw) / rate;
    w99 = pw < 0.01 ? 0.0 : -std::log(0.01 / pw) / rate;
    if (const double cv = call[c.in.service_time_cv]; cv != 1.0) {
      w50 *= (cv * cv + 1) / 2;
      w99 *= (cv * cv + 1) / 2;
    }
  }
  const bool stable = rho < 1;
  const double headroom = stable ? std::max(0.0, w99 * 1000.0 / (kSloServiceTimes * service_ms)) : 1.0;
  const double service_s = service_ms / 1000.0;
  call.set(c.out.p50_latency, (w50 + service_s) * unit::seconds)
      .set(c.out.p99_latency, (w99 + service_s) * unit::seconds)
      .set(c.out.queue_utilization, rho)
      .set(c.out.is_stable, stable)
      .set(c.out.slo_violation_probability, headroom);
  return {};
}

}  // namespace
}  // namespace mlsysim::tail_latency

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::TailLatency, "reference", "0.1.0", mlsysim::tail_latency::kDoc,
                       mlsysim::tail_latency::solve)
