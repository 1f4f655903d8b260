#include "mlsysim/registry/known_contracts.hpp"

#include <fmt/format.h>

#include "mlsysim/sdk/known_contract_list.hpp"

namespace mlsysim {

const std::vector<const Contract*>& known_contracts() {
  // Generated from the contract headers: adding a contract edits nothing here.
  static const std::vector<const Contract*> list = {MLSYSIM_KNOWN_CONTRACTS};
  return list;
}

const Contract* find_known_contract(std::string_view name) {
  for (const Contract* c : known_contracts())
    if (c->name() == name) return c;
  return nullptr;
}

namespace {
std::string describe_port(const PortInfo& p) {
  std::string text = fmt::format("{} ({}", p.name.view(), kind_name(p));
  if (p.kind == ValueKind::kQuantity) text += " " + p.dimension.unit_symbol();
  if (p.required) text += ", required";
  if (p.optional) text += ", optional";
  return text + ")";
}

std::string port_list_difference(std::string_view what, const std::vector<PortInfo>& expected,
                                 const std::vector<PortInfo>& got) {
  const std::size_t n = std::max(expected.size(), got.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string want = i < expected.size() ? describe_port(expected[i]) : "nothing";
    const std::string have = i < got.size() ? describe_port(got[i]) : "nothing";
    if (want != have) return fmt::format("{} #{} is {}, the contract has {}", what, i + 1, have, want);
  }
  return {};
}
}  // namespace

std::string contract_difference(const ContractInfo& expected, const ContractInfo& got) {
  if (expected.version != got.version)
    return fmt::format("contract '{}' version '{}' differs from the version '{}' mlsysim knows",
                       got.name, got.version, expected.version);
  std::string d = port_list_difference("input", expected.inputs, got.inputs);
  if (d.empty()) d = port_list_difference("output", expected.outputs, got.outputs);
  if (d.empty()) return {};
  return fmt::format("ports differ from contract '{}' version '{}': {}", got.name, got.version, d);
}

}  // namespace mlsysim
