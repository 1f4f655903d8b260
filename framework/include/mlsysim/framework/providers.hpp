// Providers: where hardware, model and the other specs (spec.hpp: fabrics,
// nodes, grids, datacenters, fleets) come from (the zoo plugin, or a user's
// own catalogue). Look-up is by id or alias; a miss is nullptr.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/spec.hpp"

namespace mlsysim {

class MLSYSIM_API HardwareProvider {
 public:
  virtual ~HardwareProvider();
  virtual std::string_view name() const = 0;
  virtual std::vector<HardwareRef> list() const = 0;  // one entry per distinct spec
  virtual HardwareRef find(std::string_view id_or_alias) const = 0;
};

class MLSYSIM_API ModelProvider {
 public:
  virtual ~ModelProvider();
  virtual std::string_view name() const = 0;
  virtual std::vector<ModelRef> list() const = 0;
  virtual ModelRef find(std::string_view id_or_alias) const = 0;
};

// Specs of the kinds in spec_kinds(); a provider may serve any of them.
class MLSYSIM_API SpecProvider {
 public:
  virtual ~SpecProvider();
  virtual std::string_view name() const = 0;
  virtual std::vector<SpecRef> list(const SpecKind& kind) const = 0;
  virtual SpecRef find(const SpecKind& kind, std::string_view id_or_alias) const = 0;
};

// Read-only view of every registered provider, in registration order.
class MLSYSIM_API Catalog {
 public:
  virtual ~Catalog();
  virtual Result<HardwareRef> hardware(std::string_view id_or_alias) const = 0;
  virtual Result<ModelRef> model(std::string_view id_or_alias) const = 0;
  virtual std::vector<HardwareRef> all_hardware() const = 0;
  virtual std::vector<ModelRef> all_models() const = 0;
  // An unknown id is an unknown_name error with the nearest names.
  virtual Result<SpecRef> spec(const SpecKind& kind, std::string_view id_or_alias) const = 0;
  virtual std::vector<SpecRef> all_specs(const SpecKind& kind) const = 0;
};

}  // namespace mlsysim
