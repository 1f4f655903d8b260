// A second, healthy variant of the roofline contract: roofline:alt.
#include "fake_roofline.hpp"

namespace {
struct Alt : fake::Roofline<fake::Flaw::kNone> {
  Alt() : Roofline("alt") {}
};
}  // namespace

MLSYSIM_PLUGIN("roofline_alt", "1.0", mlsysim::sdk::registers<Alt>)
