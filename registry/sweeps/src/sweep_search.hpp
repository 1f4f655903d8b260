// How a searching sweep keeps rows (internal to the sweeps library): the
// `top` best by the first key, or the Pareto front over all keys. Keys are
// minimised (maximised objectives are negated); ties go to earlier rows.
#pragma once

#include <cstddef>
#include <vector>

#include "mlsysim/registry/sweep.hpp"

namespace mlsysim::sweep_search {

// Offers `c` to a heap of the `k` best rows so far.
void offer_top(std::vector<SweepCandidate>& heap, SweepCandidate c, std::size_t k);
// Offers `c` to the front of rows no other row dominates.
void offer_pareto(std::vector<SweepCandidate>& front, SweepCandidate c);
// The rows kept from every worker's candidates, in row order for a front,
// best first for top (`top` 0: the Pareto front).
std::vector<SweepCandidate> select_candidates(std::vector<SweepCandidate> all, std::size_t top);

}  // namespace mlsysim::sweep_search
