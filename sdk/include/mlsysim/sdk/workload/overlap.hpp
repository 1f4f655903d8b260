// Partial overlap of compute and memory time: t = (t_c^k + t_m^k)^(1/k).
// k = 1 serialises them; a large k approaches max(t_c, t_m), full overlap.
// Used by the calibrated variants, whose k is fitted.
#pragma once

#include <algorithm>
#include <cmath>

namespace mlsysim::workload {

// Scaled by the larger time, so a large k neither overflows nor underflows.
inline double overlapped(double t_compute, double t_memory, double k) {
  const double m = std::max(t_compute, t_memory);
  if (m <= 0) return 0;
  return m * std::pow(std::pow(t_compute / m, k) + std::pow(t_memory / m, k), 1.0 / k);
}

}  // namespace mlsysim::workload
