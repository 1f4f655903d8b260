// Provenance: where a zoo entry's numbers come from.
#pragma once

#include <string>

namespace mlsysim {

struct Provenance {
  std::string source;         // e.g. "MLSys·im 0.1.0 hardware/registry.py"
  std::string source_url;     // empty if unknown
  std::string last_verified;  // ISO date, empty if unknown
  std::string file;           // the zoo file the entry was read from
};

}  // namespace mlsysim
