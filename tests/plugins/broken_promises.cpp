// One plugin, five roofline variants, each breaking one promise of the
// contract: the conformance check must find every one.
#include "fake_roofline.hpp"

namespace {
using fake::Flaw;
template <Flaw F>
struct Flawed : fake::Roofline<F> {
  Flawed() : fake::Roofline<F>(name()) {}
  static const char* name() {
    switch (F) {
      case Flaw::kMissingOutput: return "missing_output";
      case Flaw::kUndeclaredOutput: return "undeclared_output";
      case Flaw::kWrongKind: return "wrong_kind";
      case Flaw::kWrongUnit: return "wrong_unit";
      case Flaw::kThrows: return "throws";
      case Flaw::kNull: return "null_output";
      default: return "none";
    }
  }
};
}  // namespace

MLSYSIM_PLUGIN("broken_promises", "1.0",
               mlsysim::sdk::registers<Flawed<Flaw::kMissingOutput>, Flawed<Flaw::kUndeclaredOutput>,
                                       Flawed<Flaw::kWrongKind>, Flawed<Flaw::kWrongUnit>,
                                       Flawed<Flaw::kThrows>, Flawed<Flaw::kNull>>)
