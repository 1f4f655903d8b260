#include "mlsysim/registry/batch.hpp"

#include <istream>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim {
namespace {

void append_error(std::string& out, const Error& e) {
  out += "\"error\":";
  append_json(out, e);
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

bool BatchRunner::handle_line(std::string_view line, std::size_t line_number,
                              std::string& out) {
  Result<Json> parsed = parse_json(line);
  out += "{\"id\":";
  if (!parsed.ok() || !parsed->is_object()) {
    out += "null,\"solver\":null,";
    Error e = parsed.ok() ? Error::bad_input({}, "not a JSON object") : parsed.error();
    e.message = fmt::format("line {}: {}", line_number, e.message);
    append_error(out, e);
    out += "}\n";
    return false;
  }
  const Json& request = *parsed;
  auto id = request.find("id");
  if (id == request.end()) out += "null";
  else if (auto raw = raw_member(line, "id")) out += *raw;  // byte for byte: big integers stay exact
  else out += id->dump();
  out += ",\"solver\":";

  auto solver_it = request.find("solver");
  if (solver_it == request.end() || !solver_it->is_string()) {
    out += "null,";
    append_error(out, Error::bad_input("solver", fmt::format("line {}: \"solver\" must be a "
                                                             "solver name string", line_number)));
    out += "}\n";
    return false;
  }
  const std::string& solver_name = solver_it->get_ref<const std::string&>();
  append_json_string(out, solver_name);
  out += ',';

  for (const auto& [key, value] : request.items()) {
    if (key != "id" && key != "solver" && key != "inputs") {
      append_error(out, Error::bad_input(key, fmt::format("line {}: unknown request field '{}' "
                                                          "(expected id, solver, inputs)",
                                                          line_number, key)));
      out += "}\n";
      return false;
    }
  }
  const SolverHandle* handle = registry_.find_solver(solver_name);
  if (handle == nullptr) {
    append_error(out, registry_.unknown_solver(solver_name));
    out += "}\n";
    return false;
  }
  static const Json kNoInputs = Json::object();
  auto inputs_it = request.find("inputs");
  Result<Record> inputs =
      decode_inputs(inputs_it == request.end() ? kNoInputs : *inputs_it, handle->info(), registry_);
  if (!inputs.ok()) {
    append_error(out, inputs.error());
    out += "}\n";
    return false;
  }
  Session session(registry_);
  const Status status = handle->solve(*inputs, outputs_, session);
  if (!status.ok()) {
    append_error(out, status.error());
  } else {
    out += "\"outputs\":";
    append_json(out, outputs_);
  }
  // Each list only when it has something: a response with neither is as 0.1.0's cases expect.
  for (const auto& [key, list] : {std::pair{",\"warnings\":", &session.warnings()},
                                  std::pair{",\"notes\":", &session.notes()}}) {
    if (list->empty()) continue;
    out += key;
    append_json_strings(out, *list);
  }
  out += "}\n";
  return status.ok();
}

BatchStats BatchRunner::run(std::istream& in, std::ostream& out) {
  BatchStats stats;
  std::string line;
  std::string buffer;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (is_blank(line)) continue;
    ++stats.requests;
    if (!handle_line(line, line_number, buffer)) ++stats.errors;
    // Flush when the reader has nothing more queued (interactive use) or a lot piled up.
    if (buffer.size() > (1u << 16) || in.rdbuf()->in_avail() <= 0) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer;
  out.flush();
  return stats;
}

}  // namespace mlsysim
