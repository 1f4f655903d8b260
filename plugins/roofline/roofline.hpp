// The roofline solver: MLSys·im 0.1.0's Engine.solve (physics.md §2), one
// model on one device for one step, inference or training. Quirks of 0.1.0
// are reproduced on purpose (physics.md §8) and listed in info().doc.
#pragma once

#include "mlsysim/framework/solver.hpp"

namespace mlsysim::roofline {

class RooflineSolver final : public Solver {
 public:
  RooflineSolver();
  const SolverInfo& info() const override { return info_; }
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override;

 private:
  SolverInfo info_;
};

}  // namespace mlsysim::roofline
