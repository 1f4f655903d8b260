// Subcommands of `mlsysim`. Each adds itself to the app and, when run, stores
// its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

#include "environment.hpp"

namespace mlsysim::cli {

void add_solve_commands(CLI::App& app, Environment& env, int& exit_code);  // solve
void add_eval_command(CLI::App& app, Environment& env, int& exit_code);
void add_serve_command(CLI::App& app, Environment& env, int& exit_code);
void add_sweep_command(CLI::App& app, Environment& env, int& exit_code);
void add_run_command(CLI::App& app, Environment& env, int& exit_code);
void add_zoo_command(CLI::App& app, Environment& env, int& exit_code);
void add_plugins_command(CLI::App& app, Environment& env, int& exit_code);
void add_pipeline_command(CLI::App& app, Environment& env, int& exit_code);  // check, run
void add_score_command(CLI::App& app, Environment& env, int& exit_code);
void add_bench_command(CLI::App& app, Environment& env, int& exit_code);
void add_calibrate_command(CLI::App& app, Environment& env, int& exit_code);
void add_plot_command(CLI::App& app, Environment& env, int& exit_code);  // roofline, sweep
void add_web_command(CLI::App& app, Environment& env, int& exit_code);   // the page and the HTTP API
void add_completion_commands(CLI::App& app, Environment& env, int& exit_code);  // completion, man
void add_analysis_commands(CLI::App& app, Environment& env, int& exit_code);  // elasticity, inverse
void add_optimize_command(CLI::App& app, Environment& env, int& exit_code);  // optimize parallelism
void add_walls_command(CLI::App& app, Environment& env, int& exit_code);
void add_simulate_command(CLI::App& app, Environment& env, int& exit_code);
void add_schema_command(CLI::App& app, Environment& env, int& exit_code);

}  // namespace mlsysim::cli
