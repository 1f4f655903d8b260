#include "sweep_search.hpp"

#include <algorithm>

namespace mlsysim::sweep_search {
namespace {

// Smaller first key first; at equal keys, the earlier row.
bool better(const SweepCandidate& a, const SweepCandidate& b) {
  if (a.keys[0] != b.keys[0]) return a.keys[0] < b.keys[0];
  return a.index < b.index;
}

// `a` is no worse than `b` in every key and better in one.
bool dominates(const SweepCandidate& a, const SweepCandidate& b) {
  bool strictly = false;
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    if (a.keys[i] > b.keys[i]) return false;
    strictly |= a.keys[i] < b.keys[i];
  }
  return strictly;
}

}  // namespace

void offer_top(std::vector<SweepCandidate>& heap, SweepCandidate c, std::size_t k) {
  if (heap.size() < k) {
    heap.push_back(std::move(c));
    std::push_heap(heap.begin(), heap.end(), better);
  } else if (better(c, heap.front())) {
    std::pop_heap(heap.begin(), heap.end(), better);
    heap.back() = std::move(c);
    std::push_heap(heap.begin(), heap.end(), better);
  }
}

void offer_pareto(std::vector<SweepCandidate>& front, SweepCandidate c) {
  for (const SweepCandidate& f : front)
    if (dominates(f, c)) return;
  std::erase_if(front, [&](const SweepCandidate& f) { return dominates(c, f); });
  front.push_back(std::move(c));
}

std::vector<SweepCandidate> select_candidates(std::vector<SweepCandidate> all, std::size_t top) {
  if (top > 0) {
    std::sort(all.begin(), all.end(), better);
    if (all.size() > top) all.resize(top);
    return all;
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  std::vector<SweepCandidate> front;
  for (SweepCandidate& c : all) offer_pareto(front, std::move(c));
  std::sort(front.begin(), front.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  return front;
}

}  // namespace mlsysim::sweep_search
