#include "web_server.hpp"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/time.h>

namespace mlsysim::cli {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// The connections being served, so a stop can wake their blocked reads.
class Connections {
 public:
  bool enter(int fd, std::size_t limit) {
    std::lock_guard lock(mutex_);
    if (stopping_ || open_.size() >= limit) return false;
    open_.insert(fd);
    return true;
  }
  void leave(int fd) {
    std::lock_guard lock(mutex_);
    open_.erase(fd);
    if (open_.empty()) drained_.notify_all();
  }
  // Shuts every socket down (a blocked read returns) and waits for them.
  void stop() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
    drained_.wait_for(lock, std::chrono::seconds(10), [&] { return open_.empty(); });
  }

 private:
  std::mutex mutex_;
  std::condition_variable drained_;
  std::set<int> open_;
  bool stopping_ = false;
};

http::response<http::string_body> response_of(const WebResponse& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "mlsysim");
  res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(keep_alive);
  res.body() = r.body;
  res.prepare_payload();
  return res;
}

void set_read_timeout(tcp::socket& socket, std::chrono::seconds timeout) {
  timeval tv{static_cast<time_t>(timeout.count()), 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// Requests on one connection until it closes, times out or the server stops.
void serve_connection(tcp::socket& socket, const WebApi& api, const WebOptions& options) {
  set_read_timeout(socket, options.read_timeout);
  boost::beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(options.body_limit);
    error_code ec;
    http::read(socket, buffer, parser, ec);
    if (ec == http::error::body_limit) {
      http::write(socket, response_of(WebApi::body_too_large(options.body_limit), 11, false), ec);
      break;
    }
    if (ec) break;  // closed, timed out, malformed or stopped
    const auto& req = parser.get();
    const WebResponse answer = api.handle(std::string_view(req.method_string().data(), req.method_string().size()),
                                          std::string_view(req.target().data(), req.target().size()), req.body());
    auto res = response_of(answer, req.version(), req.keep_alive());
    if (req.method() == http::verb::head) res.body().clear();
    http::write(socket, res, ec);
    if (ec || !req.keep_alive()) break;
  }
  error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

std::string serve_web(const WebApi& api, const WebOptions& options,
                      const std::function<void(unsigned short)>& listening) {
  asio::io_context io;
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.host, ec);
  if (ec) return fmt::format("--host '{}' is not an IP address", options.host);
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fmt::format("cannot listen on {}:{}: {}", options.host, options.port, ec.message());

  Connections connections;
  std::function<void()> accept_next = [&] {
    acceptor.async_accept([&](error_code error, tcp::socket socket) {
      if (!acceptor.is_open()) return;  // closed by a signal: stopping
      if (error) return accept_next();   // one failed accept (out of descriptors, ...) ends nothing
      const int fd = socket.native_handle();
      if (!connections.enter(fd, options.max_connections)) {
        error_code ignored;
        http::write(socket, response_of({503, "application/json", "{\"error\":\"busy\"}\n"}, 11, false), ignored);
      } else {
        std::thread([&, fd, s = std::move(socket)]() mutable {
          serve_connection(s, api, options);
          connections.leave(fd);  // before the descriptor closes and can be reused
        }).detach();
      }
      accept_next();
    });
  };
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](error_code, int) { acceptor.close(); });
  accept_next();
  listening(acceptor.local_endpoint().port());
  io.run();
  connections.stop();
  return "";
}

}  // namespace mlsysim::cli
