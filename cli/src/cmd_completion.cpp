// `mlsysim completion bash|zsh` and `mlsysim man`: shell completion and a
// man page, generated from the command tree itself so they never drift from
// the help. The build writes them into share/ (installed with the program).
#include <fmt/format.h>

#include "bash_completion.hpp"
#include "commands.hpp"
#include "port_options.hpp"
#include "mlsysim/framework/version.hpp"

namespace mlsysim::cli {
namespace {

const SpecKind* spec_kind_of_plural(std::string_view plural) {
  for (const SpecKind* k : spec_kinds())
    if (k->plural() == plural) return k;
  return nullptr;
}

std::string roff(std::string text) {
  std::string out;
  for (char c : text) out += c == '\\' ? std::string("\\e") : c == '-' ? std::string("\\-") : std::string(1, c);
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

void man_options(const CLI::App& app, std::string& out) {
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_name().empty() || o->get_name() == "--help") continue;
    std::string names = o->get_positional() ? fmt::format("\\fI{}\\fR", o->get_name(true)) : "";
    if (!o->get_positional()) {
      for (const std::string& s : o->get_snames()) names += (names.empty() ? "" : ", ") + fmt::format("\\fB\\-{}\\fR", s);
      for (const std::string& l : o->get_lnames()) names += (names.empty() ? "" : ", ") + fmt::format("\\fB\\-\\-{}\\fR", roff(l));
      if (o->get_type_size() != 0 && !o->get_type_name().empty()) names += " " + roff(o->get_type_name());
    }
    out += fmt::format(".TP\n{}\n{}\n", names, roff(o->get_description()));
  }
}

std::string man_page(const CLI::App& root) {
  std::string out = fmt::format(
      ".TH MLSYSIM 1 \"\" \"mlsysim {}\" \"User Commands\"\n.SH NAME\nmlsysim \\- {}\n.SH SYNOPSIS\n"
      ".B mlsysim\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]\n.SH DESCRIPTION\n"
      "First-principles performance modelling of ML systems: latency, throughput, the binding constraint, "
      "memory fit, LLM serving, sweeps, pipelines and variant scoring, from analytical models loaded as "
      "plugins.\n.SH GLOBAL OPTIONS\n",
      MLSYSIM_VERSION, "predict how ML workloads perform on hardware, from first principles");
  man_options(root, out);
  out += ".SH COMMANDS\n";
  for (const CLI::App* cmd : root.get_subcommands({})) {
    const auto section = [&](const CLI::App& app, const std::string& name) {
      out += fmt::format(".SS \"mlsysim {}\"\n{}\n", name, roff(app.get_description()));
      man_options(app, out);
    };
    section(*cmd, cmd->get_name());
    for (const CLI::App* sub : cmd->get_subcommands({})) section(*sub, cmd->get_name() + " " + sub->get_name());
  }
  out += ".SH EXIT STATUS\n0 ok; 1 bad input (including unknown names) or output that could not be written; "
         "2 infeasible (with \\-\\-fail\\-infeasible); 3 a \\-\\-require constraint violated.\n"
         ".SH ENVIRONMENT\n.TP\n.B MLSYSIM_PLUGIN_PATH\nColon-separated plugin directories, after the install's own.\n"
         ".TP\n.B MLSYSIM_ZOO_PATH\nExtra zoo directories of hardware and model files.\n"
         ".TP\n.B MLSYSIM_CALIBRATION_DIR\nWhere calibrated variants read their parameter files first.\n"
         ".TP\n.B MLSYSIM_ALLOW_WRITABLE_PLUGINS\nSet to 1 to load plugins from world-writable places.\n"
         ".TP\n.B COLUMNS\nThe width tables are fitted to.\n";
  return out;
}

}  // namespace

void add_completion_commands(CLI::App& app, Environment& env, int& exit_code) {
  auto shell = std::make_shared<std::string>();
  CLI::App* completion = app.add_subcommand("completion", "Print shell completion (bash or zsh) for mlsysim");
  completion->add_option("shell", *shell, "bash or zsh")->check(CLI::IsMember({"bash", "zsh"}));
  completion->callback([&app, completion, shell, &exit_code] {
    if (!completion->get_subcommands().empty()) return;  // `completion words ...`
    if (shell->empty()) throw CLI::RequiredError("shell");
    if (*shell == "zsh")  // zsh runs the bash function through bashcompinit
      fmt::print("#compdef mlsysim\nautoload -U +X bashcompinit && bashcompinit\n");
    fmt::print("{}", bash_completion_script(app));
    exit_code = kOk;
  });
  // What completion offers that only the loaded plugins know.
  auto words_of = std::make_shared<std::vector<std::string>>();
  CLI::App* word_list = completion->add_subcommand(
      "words", "Print completion words: solvers, a solver's ports as options, inputs or outputs, or zoo ids");
  word_list->add_option("what", *words_of,
                        "solvers | ports SOLVER | inputs SOLVER | outputs SOLVER | models | hardware | fleets | ...")
      ->required()
      ->expected(1, 2);
  word_list->callback([words_of, &env, &exit_code] {
    const Registry& registry = env.registry();
    if ((*words_of)[0] == "solvers") {
      for (const auto& [name, entry] : registry.contracts()) fmt::print("{}\n", name);
      for (const std::string& name : registry.solver_names()) fmt::print("{}\n", name);
    } else if (const std::string& what = (*words_of)[0];
               (what == "ports" || what == "inputs" || what == "outputs") && words_of->size() == 2) {
      const SolverHandle* solver = registry.find_solver((*words_of)[1]);
      if (solver == nullptr) return (void)(exit_code = env.fail(registry.unknown_solver((*words_of)[1])));
      for (const PortInfo& p : what == "outputs" ? solver->info().outputs() : solver->info().inputs())
        fmt::print("{}\n", what == "ports" ? option_name(p) : p.name.str());
    } else if ((*words_of)[0] == "models") {
      for (const ModelRef& m : registry.all_models()) fmt::print("{}\n", m->id);
    } else if ((*words_of)[0] == "hardware") {
      for (const HardwareRef& h : registry.all_hardware()) fmt::print("{}\n", h->id);
    } else if (const SpecKind* kind = spec_kind_of_plural((*words_of)[0])) {
      for (const SpecRef& s : registry.all_specs(*kind)) fmt::print("{}\n", s->id);
    } else {
      std::string plurals;
      for (const SpecKind* k : spec_kinds()) plurals += fmt::format(", `{}`", k->plural());
      exit_code = env.fail(Error::bad_input(
          "what", fmt::format("expected `solvers`, `ports SOLVER`, `inputs SOLVER`, `outputs SOLVER`, `models`, "
                              "`hardware`{}", plurals)));
      return;
    }
    exit_code = kOk;
  });
  CLI::App* man = app.add_subcommand("man", "Print the man page (roff), generated from the help");
  man->callback([&app, &exit_code] {
    fmt::print("{}", man_page(app));
    exit_code = kOk;
  });
}

}  // namespace mlsysim::cli
