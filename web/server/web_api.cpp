#include "web_api.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/batch.hpp"
#include "mlsysim/registry/describe.hpp"
#include "web_assets.hpp"

namespace mlsysim::cli {
namespace {

// One batch-protocol error line, as `run` answers a line it cannot read.
std::string error_line(const Error& e) {
  std::string out = "{\"id\":null,\"solver\":null,\"error\":";
  append_json(out, e);
  return out + "}\n";
}

WebResponse json(unsigned status, std::string body) { return {status, "application/json", std::move(body)}; }

}  // namespace

WebApi::WebApi(const Registry& registry) : registry_(registry) {
  Json zoo = {{"hardware", Json::array()}, {"models", Json::array()}};
  for (const HardwareRef& h : registry.all_hardware()) zoo["hardware"].push_back(hardware_json(*h));
  for (const ModelRef& m : registry.all_models()) zoo["models"].push_back(model_json(*m));
  for (const SpecKind* kind : spec_kinds()) {  // fleets, nodes, fabrics, ...
    Json& list = zoo[std::string(kind->plural())] = Json::array();
    for (const SpecRef& s : registry.all_specs(*kind)) list.push_back(kind->to_json(*s));
  }
  zoo_ = zoo.dump();
  Json solvers = Json::array();
  for (const std::string& name : registry.solver_names())
    if (const SolverHandle* s = registry.find_solver(name)) solvers.push_back(solver_json(registry, *s));
  solvers_ = solvers.dump();
}

WebResponse WebApi::body_too_large(std::size_t limit) {
  return json(413, error_line(Error::bad_input(
                       "body", fmt::format("the request body is over the limit of {} bytes; send fewer lines "
                                           "per request", limit))));
}

WebResponse WebApi::solve(std::string_view body) const {
  BatchRunner runner(registry_);  // one per request: a runner is not shared between threads
  std::string out;
  std::size_t line_number = 0, answered = 0;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    ++line_number;
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      runner.handle_line(line, line_number, out);
      ++answered;
    }
    start = end + 1;
  }
  if (answered == 0) return json(400, error_line(Error::bad_input("body", "the body holds no request line")));
  return {200, "application/x-ndjson", std::move(out)};
}

WebResponse WebApi::handle(std::string_view method, std::string_view target, std::string_view body) const {
  const std::string_view path = target.substr(0, target.find('?'));
  const bool get = method == "GET" || method == "HEAD";
  if (path == "/api/solve") {
    if (method != "POST") return json(405, error_line(Error::bad_input("method", "POST a request to /api/solve")));
    return solve(body);
  }
  if (path == "/api/zoo" && get) return json(200, zoo_);
  if (path == "/api/solvers" && get) return json(200, solvers_);
  if (get)
    if (const WebAsset* asset = find_web_asset(path == "/" ? "/index.html" : path))
      return {200, std::string(asset->content_type), std::string(asset->content)};
  return json(404, error_line(Error::unknown_name("path", fmt::format("nothing is served at '{}'",
                                                                       excerpt(path, 200)))));
}

}  // namespace mlsysim::cli
