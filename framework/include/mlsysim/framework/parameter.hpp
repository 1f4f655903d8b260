// Parameter: a fitted constant of an implementation, e.g. a calibrated
// variant's achieved fraction of peak FLOP/s. Calibrated variants read
// theirs from a data file (with provenance) and expose them in SolverInfo,
// so `mlsysim calibrate` can refit them and `plugins show` can list them.
#pragma once

#include <string>

namespace mlsysim {

struct Parameter {
  std::string name;
  double value = 0;
  double low = 0;   // the range a fit may move it in (inclusive)
  double high = 0;
  double prior = 0;  // the physically expected value a fit is pulled toward; 0: none
  std::string doc;  // what it stands for physically, and its unit
};

}  // namespace mlsysim
