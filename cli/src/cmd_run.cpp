// `mlsysim run [FILE|-]`: the JSON-lines batch protocol on stdin or a file.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "mlsysim/registry/batch.hpp"

namespace mlsysim::cli {

void add_run_command(CLI::App& app, Environment& env, int& exit_code) {
  auto file = std::make_shared<std::string>("-");
  CLI::App* cmd = app.add_subcommand(
      "run", "Answer JSON-lines requests {\"id\", \"solver\", \"inputs\"}, one response per line");
  cmd->add_option("file", *file, "Request file, or - for stdin (default)");
  cmd->callback([file, &env, &exit_code] {
    std::ios::sync_with_stdio(false);
    BatchRunner runner(env.registry());
    if (*file == "-") {
      runner.run(std::cin, std::cout);
      return;
    }
    std::error_code ec;
    std::ifstream in(*file);
    if (std::filesystem::is_directory(*file, ec) || !in) {
      exit_code = env.fail(Error::bad_input("file", fmt::format("'{}' is not a readable file", *file)));
      return;
    }
    runner.run(in, std::cout);
  });
}

}  // namespace mlsysim::cli
