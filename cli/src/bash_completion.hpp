// The bash (and, through bashcompinit, zsh) completion script for mlsysim,
// generated from the command tree: each command's options and subcommands,
// which options are flags, and what each positional argument names (a
// solver, a model, a device, a scenario), so a new command or option is
// completed with nothing written for it. What only the loaded plugins and
// zoo know (solver names, a solver's inputs and outputs, zoo ids) is asked of
// `mlsysim completion words` as the user types.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace mlsysim::cli {

std::string bash_completion_script(const CLI::App& root);

}  // namespace mlsysim::cli
