// Parameter: one parameter of an implementation as a fit sees it (e.g. a
// calibrated variant's achieved fraction of peak FLOP/s): its value in base
// units, the range a fit may move it in, and the value a fit is pulled
// toward. Built from the variant's declarations (sdk/parameters.hpp) and
// listed in SolverInfo, so `mlsysim calibrate` can refit them and `plugins
// show` can list them; the parameter as an input is its PortInfo.
#pragma once

#include <string>

namespace mlsysim {

struct Parameter {
  std::string name;
  double value = 0;
  double low = 0;   // the range a fit may move it in (inclusive)
  double high = 0;
  double prior = 0;  // the physically expected value a fit is pulled toward; 0: none
  std::string doc;  // what it stands for physically
};

}  // namespace mlsysim
