// WebApi: what `mlsysim web` answers, independent of HTTP: the page and its
// assets, and a JSON API that is the batch protocol over HTTP.
//   GET  /                 the page (assets built into the binary)
//   POST /api/solve        one request or JSON lines -> JSON-lines responses
//   GET  /api/zoo          hardware, models, fleets and every other spec kind, as `zoo KIND -o json`
//   GET  /api/solvers      every solver with its ports, as `plugins show -o json`
// Thread-safe: each call answers on its own.
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

struct WebResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class WebApi {
 public:
  explicit WebApi(const Registry& registry);
  WebResponse handle(std::string_view method, std::string_view target, std::string_view body) const;
  // The answer to a body over the limit: 413 with a batch-protocol error line.
  static WebResponse body_too_large(std::size_t limit);

 private:
  WebResponse solve(std::string_view body) const;
  const Registry& registry_;
  std::string zoo_, solvers_;  // fixed for the server's life: built once
};

}  // namespace mlsysim::cli
