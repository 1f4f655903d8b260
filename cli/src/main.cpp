// mlsysim: first-principles performance modelling of ML systems.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "environment.hpp"
#include "mlsysim/framework/version.hpp"

int main(int argc, char** argv) {
  using namespace mlsysim::cli;
  CLI::App app{"mlsysim " MLSYSIM_VERSION
               " - predict how ML workloads perform on hardware, from first principles"};
  app.set_version_flag("--version", MLSYSIM_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand

  GlobalOptions global;
  app.add_option("--plugin-path", global.plugin_paths,
                 "Extra plugin directory, searched before MLSYSIM_PLUGIN_PATH (repeatable)");
  app.add_option("-o,--output", global.output,
                 "Output format: table (default) or json; csv for sweep, pipeline, score, bench; jsonl for sweep, pipeline")
      ->check(CLI::IsMember({"table", "json", "csv", "jsonl"}));
  app.add_flag("-q,--quiet", global.quiet, "Do not report skipped plugins on stderr");

  Environment env(global);
  int exit_code = kOk;
  add_solve_commands(app, env, exit_code);
  add_serve_command(app, env, exit_code);
  add_sweep_command(app, env, exit_code);
  add_run_command(app, env, exit_code);
  add_zoo_command(app, env, exit_code);
  add_plugins_command(app, env, exit_code);
  add_pipeline_command(app, env, exit_code);
  add_analysis_commands(app, env, exit_code);
  add_score_command(app, env, exit_code);
  add_calibrate_command(app, env, exit_code);
  add_bench_command(app, env, exit_code);
  add_plot_command(app, env, exit_code);

  // Before any command runs: only some commands can write CSV.
  app.parse_complete_callback([&app, &global] {
    if (global.output != "csv" && global.output != "jsonl") return;
    for (const CLI::App* sub : app.get_subcommands()) {
      const std::string& name = sub->get_name();
      const bool ok = name == "sweep" || name == "pipeline" ||
                      (global.output == "csv" && (name == "score" || name == "bench"));
      if (!ok)
        throw CLI::ValidationError("-o " + global.output, "`" + name + "` cannot write " + global.output +
                                                              " (csv: sweep, pipeline, score, bench; jsonl: sweep, pipeline)");
    }
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kBadInput;
  }
  // An answer that did not reach its reader is a failure (a full disk, a
  // closed pipe with SIGPIPE ignored), whatever the command concluded.
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
    fmt::print(stderr, "mlsysim: error: writing the output failed ({})\n", std::strerror(errno));
    return kBadInput;
  }
  return exit_code;
}
