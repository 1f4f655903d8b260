// WebServer: HTTP/1.1 for `mlsysim web` (Boost.Beast). One thread per
// connection, so a slow client holds only its own thread: reads time out,
// bodies over the limit are refused before they are read, and connections
// beyond the limit are answered 503. SIGINT or SIGTERM closes the listener,
// wakes every connection and returns once they have ended.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "web_api.hpp"

namespace mlsysim::cli {

struct WebOptions {
  std::string host = "127.0.0.1";  // loopback unless asked
  unsigned short port = 8080;      // 0: any free port
  std::size_t body_limit = 16u << 20;
  std::chrono::seconds read_timeout{10};  // per request, headers and body
  std::size_t max_connections = 128;
};

// Serves `api` until a signal stops it; calls `listening` with the bound
// port once connections are accepted. Returns an error message, or "".
std::string serve_web(const WebApi& api, const WebOptions& options,
                      const std::function<void(unsigned short)>& listening);

}  // namespace mlsysim::cli
