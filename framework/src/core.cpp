// Out-of-line pieces of the kernel vocabulary: names of enums, descriptions,
// records, and the key functions of the interfaces (vtables live here).
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/walls.hpp"
#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/plugin_registrar.hpp"
#include "mlsysim/framework/providers.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/solver.hpp"
#include "mlsysim/framework/value.hpp"

namespace mlsysim {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadInput: return "bad_input";
    case ErrorCode::kUnknownName: return "unknown_name";
    case ErrorCode::kInfeasible: return "infeasible";
    case ErrorCode::kPlugin: return "plugin";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string describe(const Error& error) {
  if (error.field.empty()) return fmt::format("{}: {}", to_string(error.code), error.message);
  return fmt::format("{} [{}]: {}", to_string(error.code), error.field, error.message);
}

namespace {
bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes >= 3 ? max_bytes - 3 : 0;
  while (cut > 0 && continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string_view character_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return {};
  std::size_t end = pos + 1;
  while (end < text.size() && end - pos < 4 && continuation(static_cast<unsigned char>(text[end]))) ++end;
  return text.substr(pos, end - pos);
}

std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull: return "null";
    case ValueKind::kNumber: return "number";
    case ValueKind::kInteger: return "integer";
    case ValueKind::kBoolean: return "boolean";
    case ValueKind::kString: return "string";
    case ValueKind::kQuantity: return "quantity";
    case ValueKind::kHardware: return "hardware";
    case ValueKind::kModel: return "model";
    case ValueKind::kTable: return "table";
    case ValueKind::kSpec: return "spec";
    case ValueKind::kRecords: return "records";
    case ValueKind::kStrings: return "strings";
  }
  return "null";
}

std::string_view to_string(ModelFamily family) {
  switch (family) {
    case ModelFamily::kTransformer: return "transformer";
    case ModelFamily::kCnn: return "cnn";
    case ModelFamily::kSsm: return "ssm";
    case ModelFamily::kDiffusion: return "diffusion";
    case ModelFamily::kWorkload: return "workload";
  }
  return "workload";
}

std::string Value::describe() const {
  switch (kind()) {
    case ValueKind::kNull: return "null";
    case ValueKind::kNumber: return fmt::format("{}", *if_number());
    case ValueKind::kInteger: return fmt::format("{}", *if_integer());
    case ValueKind::kBoolean: return *if_boolean() ? "true" : "false";
    case ValueKind::kString: return fmt::format("'{}'", *if_string());
    case ValueKind::kQuantity:
      return fmt::format("{} {}", if_quantity()->value, if_quantity()->dimension.unit_symbol());
    case ValueKind::kHardware: return fmt::format("hardware '{}'", (*if_hardware())->id);
    case ValueKind::kModel: return fmt::format("model '{}'", (*if_model())->id);
    case ValueKind::kSpec: return fmt::format("{} '{}'", (*if_spec())->kind().name(), (*if_spec())->id);
    case ValueKind::kRecords: return fmt::format("{} record(s)", if_records()->size());
    case ValueKind::kStrings: return fmt::format("[{}]", fmt::join(*if_strings(), ", "));
    case ValueKind::kTable: {
      std::string out = "{";
      for (const auto& [key, number] : *if_table())
        out += fmt::format("{}{}: {}", out.size() > 1 ? ", " : "", key, number);
      return out + "}";
    }
  }
  return "null";
}

void Value::destroy_resource() noexcept {
  switch (kind_) {
    case ValueKind::kString: u_.string.~basic_string(); break;
    case ValueKind::kHardware: u_.hardware.~HardwareRef(); break;
    case ValueKind::kModel: u_.model.~ModelRef(); break;
    case ValueKind::kTable: u_.table.~NumberTable(); break;
    case ValueKind::kSpec: u_.spec.~SpecRef(); break;
    case ValueKind::kRecords: u_.records.~RecordListRef(); break;
    case ValueKind::kStrings: u_.strings.~StringListRef(); break;
    default: break;
  }
}

void Value::copy_resource(const Value& other) {
  switch (other.kind_) {
    case ValueKind::kString: new (&u_.string) std::string(other.u_.string); break;
    case ValueKind::kHardware: new (&u_.hardware) HardwareRef(other.u_.hardware); break;
    case ValueKind::kModel: new (&u_.model) ModelRef(other.u_.model); break;
    case ValueKind::kTable: new (&u_.table) NumberTable(other.u_.table); break;
    case ValueKind::kSpec: new (&u_.spec) SpecRef(other.u_.spec); break;
    case ValueKind::kRecords: new (&u_.records) RecordListRef(other.u_.records); break;
    case ValueKind::kStrings: new (&u_.strings) StringListRef(other.u_.strings); break;
    default: break;
  }
  kind_ = other.kind_;
}

void Value::move_resource(Value&& other) noexcept {
  switch (other.kind_) {
    case ValueKind::kString: new (&u_.string) std::string(std::move(other.u_.string)); break;
    case ValueKind::kHardware: new (&u_.hardware) HardwareRef(std::move(other.u_.hardware)); break;
    case ValueKind::kModel: new (&u_.model) ModelRef(std::move(other.u_.model)); break;
    case ValueKind::kTable: new (&u_.table) NumberTable(std::move(other.u_.table)); break;
    case ValueKind::kSpec: new (&u_.spec) SpecRef(std::move(other.u_.spec)); break;
    case ValueKind::kRecords: new (&u_.records) RecordListRef(std::move(other.u_.records)); break;
    case ValueKind::kStrings: new (&u_.strings) StringListRef(std::move(other.u_.strings)); break;
    default: break;
  }
  kind_ = other.kind_;
}

Record::Record(std::initializer_list<std::pair<std::string_view, Value>> fields) {
  fields_.reserve(fields.size());
  for (const auto& [name, value] : fields) set(name, value);
}

Record& Record::set(Name name, Value value) {
  for (Field& f : fields_) {
    if (f.name == name) {
      f.value = std::move(value);
      return *this;
    }
  }
  fields_.push_back({name, std::move(value)});
  present_ |= filter_bit(name);
  layout_ = nullptr;
  return *this;
}

bool Record::erase(std::string_view name) {
  for (auto it = fields_.begin(); it != fields_.end(); ++it) {
    if (it->name.view() == name) {
      fields_.erase(it);
      present_ = 0;
      layout_ = nullptr;
      for (const Field& f : fields_) present_ |= filter_bit(f.name);
      return true;
    }
  }
  return false;
}

namespace detail {
Error kind_mismatch(std::string_view field, const Value& v, ValueKind expected,
                    Dimension expected_dim) {
  std::string want = expected == ValueKind::kQuantity
                         ? fmt::format("a {} ({})", expected_dim.description(),
                                       expected_dim.unit_symbol())
                         : fmt::format("a value of kind {}", to_string(expected));
  return Error::bad_input(std::string(field),
                          fmt::format("{}: got {}, expected {}", field, v.describe(), want));
}
Error kind_mismatch(std::string_view field, const Value& v, const PortInfo& port) {
  if (port.kind == ValueKind::kSpec && port.spec_kind != nullptr)
    return Error::bad_input(std::string(field), fmt::format("{}: got {}, expected a {} (id or spec object)", field,
                                                            v.describe(), port.spec_kind->name()));
  return kind_mismatch(field, v, port.kind, port.dimension);
}
}  // namespace detail

Contract::Contract(std::string_view name, std::string_view version, std::string_view summary) {
  info_ = std::make_shared<ContractInfo>();
  info_->name = name;
  info_->version = version;
  info_->summary = summary;
  shared_ = info_;
}
Contract::~Contract() = default;

void Contract::describe(Tier tier, std::vector<int> walls, std::vector<Fallacy> fallacies) {
  for (int w : walls)
    if (find_wall(w) == nullptr)
      throw std::logic_error(fmt::format("contract '{}' names wall {}; the walls are numbered 1 to {}", name(), w,
                                         mlsysim::walls().size()));
  info_->tier = tier;
  info_->walls = std::move(walls);
  info_->fallacies = std::move(fallacies);
}

namespace {
[[noreturn]] void refuse_sealed(const Contract& contract, const PortInfo& port) {
  throw std::logic_error(fmt::format("contract '{}' is sealed: port '{}' cannot be added after "
                                     "construction",
                                     contract.name(), port.name.view()));
}
}  // namespace

std::size_t add_input_port(Contract& contract, PortInfo port) {
  if (contract.sealed_) refuse_sealed(contract, port);
  contract.info_->inputs.push_back(std::move(port));
  return contract.info_->inputs.size() - 1;
}
std::size_t add_output_port(Contract& contract, PortInfo port) {
  if (contract.sealed_) refuse_sealed(contract, port);
  contract.info_->outputs.push_back(std::move(port));
  return contract.info_->outputs.size() - 1;
}
void seal(const Contract& contract) { contract.sealed_ = true; }

Solver::~Solver() = default;
std::unique_ptr<Solver> Solver::with_parameters(std::span<const double>) const { return nullptr; }
HardwareProvider::~HardwareProvider() = default;
ModelProvider::~ModelProvider() = default;
Catalog::~Catalog() = default;
Context::~Context() = default;
CallTarget::~CallTarget() = default;
PluginRegistrar::~PluginRegistrar() = default;

}  // namespace mlsysim
