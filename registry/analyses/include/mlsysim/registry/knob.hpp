// Knob: one numeric thing an analysis may turn on a solver's inputs. Either
// a numeric input port ("batch_size", "efficiency", "target_latency") or a
// numeric field of a spec input ("hardware.memory.bandwidth",
// "hardware.peak_flops", "model.parameters"; see spec_fields.hpp). Turning a
// spec field copies the spec; the zoo's entry is never touched.
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

class MLSYSIM_API Knob {
 public:
  // Resolves `path` against `info`'s inputs; an error names what is numeric.
  static Result<Knob> resolve(const SolverInfo& info, std::string_view path);

  const std::string& path() const { return path_; }
  Dimension dimension() const { return dimension_; }
  bool integer() const { return integer_; }

  // The value at `inputs` (the port's default when the input is left out).
  Result<double> read(const Record& inputs) const;
  // Sets the value in `inputs` (a spec is replaced by a modified copy).
  Status write(Record& inputs, double value) const;
  // A value given as text ("3 TB/s", "8"), in base units.
  Result<double> parse(std::string_view text) const;
  // "2.039e+12 B/s", "8"
  std::string format(double value) const;

 private:
  std::string path_;
  const PortInfo* port_ = nullptr;  // the input, or the spec input holding the field
  std::string field_;               // the spec field, empty for a plain input
  Dimension dimension_;
  bool integer_ = false;
};

}  // namespace mlsysim
