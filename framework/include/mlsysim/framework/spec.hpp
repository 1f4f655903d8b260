// Spec: a zoo entry of a kind beyond hardware and models — a network
// fabric, a node, a fleet (fleet_spec.hpp). Each kind is described once by a
// SpecKind: its name, where its zoo files live, how an entry is read from
// JSON (resolving the ids it refers to through a Catalog) and written back,
// and the numeric fields analyses may vary by path ("fabric.bandwidth",
// "node.accelerator.peak_flops"). Ports, the zoo, the CLI, sweeps and
// Python handle every kind through this one interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/provenance.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/spec_fields.hpp"

namespace mlsysim {

class Catalog;
class SpecKind;
using Json = nlohmann::ordered_json;  // as json.hpp

struct MLSYSIM_API Spec {
  virtual ~Spec();
  virtual const SpecKind& kind() const = 0;

  std::string id;                    // zoo id, e.g. "Research_256"
  std::vector<std::string> aliases;  // other names that find this entry
  std::string name;                  // display name
  Provenance provenance;
};

using SpecRef = std::shared_ptr<const Spec>;

class MLSYSIM_API SpecKind {
 public:
  virtual ~SpecKind();
  virtual std::string_view name() const = 0;    // "fleet": the port kind and field prefix
  virtual std::string_view plural() const = 0;  // "fleets": zoo directory and `mlsysim zoo fleets`
  // MLSys·im's namespaces for entries of this kind, accepted as a prefix of
  // an id: "Systems.Clusters.Research_256", "Clusters.Research_256".
  virtual std::vector<std::string_view> mlsysim_paths() const = 0;

  // An entry from a zoo file or an inline object; ids it refers to (a
  // node's accelerator, a fleet's node) are resolved through `catalog`.
  // Errors name the field ("node.accelerators_per_node").
  virtual Result<SpecRef> from_json(const Json& json, const Catalog& catalog) const = 0;
  // An entry named by id: the catalog's (a kind may accept more, as a
  // datacenter slot accepts a grid id).
  virtual Result<SpecRef> from_id(std::string_view id, const Catalog& catalog) const;
  // The entry as a zoo file would hold it, references written out in full.
  virtual Json to_json(const Spec& spec) const = 0;

  // Numeric fields by path, as spec_fields.hpp does for hardware and models.
  virtual std::vector<SpecFieldInfo> fields() const = 0;
  virtual Result<SpecFieldInfo> field(std::string_view path) const = 0;
  virtual Result<double> read_field(const Spec& spec, std::string_view path) const = 0;
  // A copy of `spec` with the field set (integers rounded to the nearest).
  virtual Result<SpecRef> with_field(const Spec& spec, std::string_view path, double value) const = 0;
};

// Every kind, in the order `mlsysim zoo` lists them; nullptr if unknown.
MLSYSIM_API const std::vector<const SpecKind*>& spec_kinds();
MLSYSIM_API const SpecKind* find_spec_kind(std::string_view name);

}  // namespace mlsysim
