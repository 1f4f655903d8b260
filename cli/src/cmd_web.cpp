// `mlsysim web [--port N] [--host 127.0.0.1]`: the interactive page (roofline,
// serving, sweeps, variants side by side) and the batch protocol over HTTP.
#include <fmt/format.h>

#include "commands.hpp"
#include "web_server.hpp"

namespace mlsysim::cli {

void add_web_command(CLI::App& app, Environment& env, int& exit_code) {
  auto options = std::make_shared<WebOptions>();
  CLI::App* cmd = app.add_subcommand("web", "Serve the interactive page and the JSON API on a local port");
  cmd->add_option("--port", options->port, "TCP port (default 8080; 0 picks a free one)");
  cmd->add_option("--host", options->host,
                  "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 serves every network)");
  cmd->add_option("--max-body", options->body_limit, "Largest request body in bytes (default 16 MiB)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  cmd->callback([options, &env, &exit_code] {
    const WebApi api(env.registry());
    const std::string problem = serve_web(api, *options, [&](unsigned short port) {
      const bool loopback = options->host == "127.0.0.1" || options->host == "::1" || options->host == "localhost";
      fmt::print("mlsysim web: serving http://{}:{}/ ({}); Ctrl-C stops\n",
                 options->host.find(':') != std::string::npos ? "[" + options->host + "]" : options->host, port,
                 loopback ? "this machine only" : "every network this machine is on");
      std::fflush(stdout);
    });
    exit_code = problem.empty() ? kOk : env.fail(Error::bad_input("--port", problem));
  });
}

}  // namespace mlsysim::cli
