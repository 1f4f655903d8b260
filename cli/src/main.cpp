// mlsysim: first-principles performance modelling of ML systems.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string_view>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "environment.hpp"
#include "human.hpp"
#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/framework/version.hpp"

namespace {

// The first word that is not an option (or a global option's value) when it
// names no command: CLI11 would only say "A subcommand is required".
std::optional<std::string> unknown_command(CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--plugin-path" || arg == "-o" || arg == "--output") {
      ++i;
      continue;
    }
    if (arg.starts_with("-")) continue;
    for (const CLI::App* sub : app.get_subcommands({}))
      if (sub->check_name(std::string(arg))) return std::nullopt;
    return std::string(arg);
  }
  return std::nullopt;
}

// The option names a user could have meant on the deepest command given,
// and the global ones.
std::vector<std::string> known_options(const CLI::App& app) {
  std::vector<std::string> out;
  const CLI::App* deepest = &app;
  for (auto parsed = app.get_subcommands(); !parsed.empty(); parsed = deepest->get_subcommands())
    deepest = parsed.front();
  for (const CLI::App* a : {deepest, &app})
    for (const CLI::Option* o : a->get_options()) {
      for (const std::string& s : o->get_snames()) out.push_back("-" + s);
      for (const std::string& l : o->get_lnames()) out.push_back("--" + l);
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());  // a command may repeat a global one
  return out;
}

// "unknown option '--colums' (did you mean '--columns'?)" for each option
// CLI11 left over, instead of its "arguments were not expected".
bool report_unknown_options(const CLI::App& app) {
  bool any = false;
  const std::vector<std::string> known = known_options(app);
  for (const std::string& arg : app.remaining()) {
    if (!arg.starts_with("-")) continue;
    const std::string name = arg.substr(0, arg.find('='));
    fmt::print(stderr, "mlsysim: error: bad_input [{}]: unknown option '{}'{}; `--help` lists the options\n", name,
               name, mlsysim::did_you_mean(name, known));
    any = true;
  }
  return any;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mlsysim::cli;
  using mlsysim::cli::join;
  CLI::App app{"mlsysim " MLSYSIM_VERSION
               " - predict how ML workloads perform on hardware, from first principles"};
  app.set_version_flag("--version", MLSYSIM_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  app.allow_extras();  // `solve` reads them as its contract's ports; any other command refuses them

  GlobalOptions global;
  app.add_option("--plugin-path", global.plugin_paths,
                 "Extra plugin directory, searched before MLSYSIM_PLUGIN_PATH (repeatable)");
  app.add_option("-o,--output", global.output, "Output format: table (default), json, jsonl, csv or markdown")
      ->check(CLI::IsMember({"table", "json", "csv", "jsonl", "markdown"}));
  app.add_flag("-q,--quiet", global.quiet, "No skipped-plugin reports or progress lines on stderr");
  app.add_option("--columns", global.columns,
                 "Columns (of any table) or outputs (of solve, eval, pipeline run) to show, comma-separated");

  Environment env(global);
  int exit_code = kOk;
  add_solve_commands(app, env, exit_code);
  add_eval_command(app, env, exit_code);
  add_serve_command(app, env, exit_code);
  add_sweep_command(app, env, exit_code);
  add_run_command(app, env, exit_code);
  add_zoo_command(app, env, exit_code);
  add_plugins_command(app, env, exit_code);
  add_pipeline_command(app, env, exit_code);
  add_analysis_commands(app, env, exit_code);
  add_optimize_command(app, env, exit_code);
  add_walls_command(app, env, exit_code);
  add_simulate_command(app, env, exit_code);
  add_schema_command(app, env, exit_code);
  add_score_command(app, env, exit_code);
  add_calibrate_command(app, env, exit_code);
  add_bench_command(app, env, exit_code);
  add_plot_command(app, env, exit_code);
  add_web_command(app, env, exit_code);
  add_completion_commands(app, env, exit_code);

  // Before any command runs: tables take the chosen format.
  app.parse_complete_callback([&app, &global, &env] {
    const CLI::App* solve = app.get_subcommand_ptr("solve").get();
    if (!app.remaining().empty() && !(solve && solve->parsed())) throw CLI::ExtrasError(app.remaining());
    Table::set_columns(env.columns());
    if (global.output == "markdown") Table::set_format(TableFormat::kMarkdown);
    else if (global.output == "csv") Table::set_format(TableFormat::kCsv);
    else if (global.output == "jsonl") Table::set_format(TableFormat::kJsonLines);
  });
  const std::string global_help =
      "Global options (before or after the command): --plugin-path DIR, -o/--output "
      "table|json|jsonl|csv|markdown, --columns A,B, -q/--quiet, --version";
  for (CLI::App* sub : app.get_subcommands({})) sub->footer(global_help);
  if (const std::optional<std::string> unknown = unknown_command(app, argc, argv)) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    fmt::print(stderr, "mlsysim: error: unknown command '{}'{}\ncommands: {}\nRun `mlsysim --help` for more.\n",
               *unknown, mlsysim::did_you_mean(*unknown, names), join(names));
    return kBadInput;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {
    if (!report_unknown_options(app)) app.exit(e);
    return kBadInput;
  } catch (const CLI::ParseError& e) {
    // A mistyped option explains a "required" error better than it does.
    if (!report_unknown_options(app)) app.exit(e);
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
