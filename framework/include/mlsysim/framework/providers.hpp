// Providers: where hardware and model specs come from (the zoo plugin, or a
// user's own catalogue). Look-up is by id or alias; a miss is nullptr.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/result.hpp"

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

// Read-only view of every registered provider, in registration order.
class MLSYSIM_API Catalog {
 public:
  virtual ~Catalog();
  virtual Result<HardwareRef> hardware(std::string_view id_or_alias) const = 0;
  virtual Result<ModelRef> model(std::string_view id_or_alias) const = 0;
  virtual std::vector<HardwareRef> all_hardware() const = 0;
  virtual std::vector<ModelRef> all_models() const = 0;
};

}  // namespace mlsysim
