#include "port_options.hpp"

#include <fmt/format.h>

#include "human.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {

std::string option_name(const PortInfo& port) {
  std::string name = "--" + port.name.str();
  for (char& c : name)
    if (c == '_') c = '-';
  return name;
}

std::string option_help(const PortInfo& port) {
  std::string text = port.doc;
  if (port.required) text += " (required)";
  else if (port.optional) text += " (optional)";
  else text += " (default " + human(port.default_value) + ")";
  if (!port.constraint.empty()) text += "; " + port.constraint.describe();
  return text;
}

void PortOptions::add_positional(CLI::App& command, Name port, const std::string& help) {
  positional_.insert(port.str());
  auto& [name, text] = given_.emplace_back(port.str(), std::nullopt);
  command.add_option(name, text, help)->required();
}

void PortOptions::add(CLI::App& command, const std::vector<PortInfo>& inputs, const std::vector<Alias>& aliases,
                      bool enforce_required) {
  for (const PortInfo& port : inputs) {
    if (positional_.count(port.name.str())) continue;
    auto& [name, text] = given_.emplace_back(port.name.str(), std::nullopt);
    std::string flags = option_name(port);
    for (const Alias& a : aliases)
      if (a.port == port.name) flags = a.flag + "," + flags;
    CLI::Option* option = port.kind == ValueKind::kBoolean
                              ? command.add_flag(flags + "{true}", text, option_help(port))
                              : command.add_option(flags, text, option_help(port));
    if (port.required && enforce_required) option->required();
  }
}

Status PortOptions::apply(const Registry& registry, const SolverInfo& solver, Record& inputs) const {
  for (const auto& [port, text] : given_)
    if (text)
      if (Status s = set_input(registry, solver, port, *text, inputs); !s.ok()) return s;
  return {};
}

Status inputs_from_extras(const Registry& registry, const SolverInfo& solver,
                          const std::vector<std::string>& extras, Record& inputs) {
  for (std::size_t i = 0; i < extras.size(); ++i) {
    const std::string& arg = extras[i];
    if (arg.rfind("--", 0) != 0)
      return Error::bad_input(arg, fmt::format("unexpected argument '{}': inputs are --PORT VALUE "
                                               "or --set PORT=VALUE", arg));
    std::string name = arg.substr(2), text;
    if (const std::size_t eq = name.find('='); eq != std::string::npos) {
      text = name.substr(eq + 1);
      name.resize(eq);
    }
    for (char& c : name)
      if (c == '-') c = '_';
    const PortInfo* port = solver.find_input(name);
    if (port == nullptr) return unknown_input(solver, name);
    if (arg.find('=') == std::string::npos) {
      const bool has_value = i + 1 < extras.size() && extras[i + 1].rfind("--", 0) != 0;
      if (port->kind == ValueKind::kBoolean && !has_value) text = "true";
      else if (!has_value)
        return Error::bad_input(name, fmt::format("{} needs a value: {}", arg, option_help(*port)));
      else text = extras[++i];
    }
    if (Status s = set_input(registry, solver, name, text, inputs); !s.ok()) return s;
  }
  return {};
}

std::string port_help(const SolverInfo& solver) {
  std::string out = fmt::format("{} (contract {} v{}): {}\n\nInputs, as options (or --set PORT=VALUE):\n",
                                solver.full_name(), solver.contract_name(), solver.contract_version(), solver.summary());
  auto list = [&](bool parameters) {
    for (const PortInfo& port : solver.inputs()) {
      if (port.parameter != parameters) continue;
      const std::string flag = option_name(port) + (port.kind == ValueKind::kBoolean ? "" : " VALUE");
      out += fmt::format("  {:<30} {}\n", flag, option_help(port));
    }
  };
  list(false);
  if (!solver.parameters.empty()) {
    out += fmt::format("\nParameters of {} (values from {}), settable the same way:\n", solver.full_name(),
                       solver.parameter_file.empty() ? "their declarations" : solver.parameter_file);
    list(true);
  }
  out += "\nOutputs:\n";
  for (const PortInfo& port : solver.outputs()) out += fmt::format("  {:<30} {}\n", port.name.view(), port.doc);
  return out;
}

}  // namespace mlsysim::cli
