// The command line behaves like the tools users know (issue 12): unknown
// commands name themselves, names get "did you mean", case is forgiven where
// unambiguous, every table comes in every format, errors come as JSON in
// JSON mode, tables fit the terminal.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CliConventions, AnUnknownCommandNamesItselfAndListsTheCommands) {
  CliResult r = run_cli("slove roofline");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "unknown command 'slove'")) << r.err;
  EXPECT_TRUE(contains(r.err, "did you mean 'solve'")) << r.err;
  EXPECT_TRUE(contains(r.err, "commands: solve, eval, serve, sweep")) << r.err;
  EXPECT_TRUE(contains(run_cli("foo").err, "unknown command 'foo'"));
}

TEST(CliConventions, NamesThatDoNotExistGetTheNearestSuggested) {
  const std::pair<const char*, const char*> cases[] = {
      {"solve rooflin --model GPT2 --hardware A100", "did you mean 'roofline'"},
      {"solve roofline:calibratd --model GPT2 --hardware A100", "did you mean 'calibrated'"},
      {"solve roofline --model Lama3_8B --hardware A100", "did you mean 'Llama3_8B'"},
      {"solve roofline --model GPT2 --hardware H10", "did you mean 'H100'"},
      {"solve roofline --model GPT2 --hardware A100 --set batch_sise=2", "did you mean 'batch_size'"},
      {"solve roofline --model GPT2 --hardware A100 --columns latncy", "did you mean 'latency'"},
  };
  for (const auto& [args, hint] : cases) {
    CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 1) << args;
    EXPECT_TRUE(contains(r.err, hint)) << args << ": " << r.err;
  }
}

TEST(CliConventions, AMistypedPrecisionGetsAHintButStaysAllowedAsIn0_1_0) {
  CliResult r = run_cli("eval GPT2 A100 -p fp61");
  EXPECT_EQ(r.exit_code, 0) << "0.1.0 accepts any precision string (2 bytes, default peak)";
  EXPECT_TRUE(contains(r.err, "did you mean 'fp32', 'fp16' or 'fp8'")) << r.err;
}

// Every other name a user types gets the same: sweep columns, --where and
// --by names, zoo columns, and options no command has.
TEST(CliConventions, EveryTypedNameGetsTheNearestSuggested) {
  const std::string sweep = "sweep roofline --over batch_size=1,2 --set model=GPT2 --set hardware=A100 ";
  const std::pair<std::string, std::string> cases[] = {
      {sweep + "--columns latncy", "no output 'latncy' (did you mean 'latency'?)"},
      {sweep + "--top 1 --by throughpt", "no output 'throughpt' (did you mean 'throughput'?)"},
      {sweep + "--where 'latncy < 1 ms'", "'latncy' is neither a numeric output, an axis nor an input with a value "
                                          "(did you mean 'latency'?)"},
      {sweep + "--where 'batch_sise > 1'", "(did you mean 'batch_size'?)"},
      {sweep + "--colums latency", "unknown option '--colums' (did you mean '--columns'?)"},
      {"zoo hardware --columns nam", "no column 'nam' (did you mean 'name'?)"},
      {"plot roofline --hardware A100 --widht 300", "unknown option '--widht' (did you mean '--width'"},
      {"serve Llama3_8B H100 --seq-lenn 128", "unknown option '--seq-lenn' (did you mean '--seq-len'?)"},
  };
  for (const auto& [args, expected] : cases) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 1) << args;
    EXPECT_TRUE(contains(r.err, expected)) << args << "\n" << r.err;
    EXPECT_FALSE(contains(r.err, "were not expected")) << args << "\n" << r.err;
  }
  EXPECT_EQ(run_cli("zoo hardware --columns id,name").exit_code, 0);
}

TEST(CliConventions, ZooIdsAndPrecisionsMatchWithoutCase) {
  CliResult exact = run_cli("solve roofline --model Llama3_8B --hardware H100 --precision fp8 -o json");
  CliResult loose = run_cli("solve roofline --model llama3_8b --hardware h100 --precision FP8 -o json");
  ASSERT_EQ(loose.exit_code, 0) << loose.err;
  EXPECT_EQ(Json::parse(loose.out)["outputs"], Json::parse(exact.out)["outputs"]);
  EXPECT_FALSE(contains(loose.err, "warning")) << "FP8 is fp8, not an unknown precision: " << loose.err;
}

TEST(CliConventions, EveryTableComesInEveryFormat) {
  for (const char* command : {"solve roofline --model GPT2 --hardware A100", "zoo hardware", "zoo models",
                              "plugins list", "eval GPT2 A100"}) {
    SCOPED_TRACE(command);
    CliResult csv = run_cli(std::string(command) + " -o csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    std::istringstream lines(csv.out);
    std::string header, row;
    std::getline(lines, header);
    std::getline(lines, row);
    EXPECT_FALSE(header.empty());
    EXPECT_FALSE(row.empty());
    CliResult md = run_cli(std::string(command) + " -o markdown");
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_TRUE(md.out.starts_with("| ")) << md.out.substr(0, 100);
    EXPECT_TRUE(contains(md.out, "| --- |"));
    CliResult jsonl = run_cli(std::string(command) + " -o jsonl");
    ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
    EXPECT_FALSE(json_lines(jsonl.out).empty());
    CliResult json = run_cli(std::string(command) + " -o json");
    ASSERT_EQ(json.exit_code, 0) << json.err;
    Json parsed;
    EXPECT_NO_THROW(parsed = Json::parse(json.out));
  }
}

TEST(CliConventions, ColumnsAreHonouredByEveryFormat) {
  const std::string solve = "solve roofline --model GPT2 --hardware A100 --columns bottleneck,latency";
  EXPECT_EQ(run_cli(solve + " -o csv").out.substr(0, 40).find("output,value,doc\nbottleneck,Memory,"), 0u)
      << run_cli(solve + " -o csv").out;
  const Json json = Json::parse(run_cli(solve + " -o json").out);
  ASSERT_EQ(json["outputs"].size(), 2u);
  EXPECT_EQ(json["outputs"].begin().key(), "bottleneck");
  EXPECT_TRUE(run_cli("zoo hardware --columns id,bandwidth -o csv").out.starts_with("id,bandwidth\nA100,"));
  EXPECT_TRUE(run_cli("zoo hardware --columns id,bandwidth -o markdown").out.starts_with("| id | bandwidth |\n"));
  const std::vector<Json> rows = json_lines(run_cli("zoo hardware --columns id -o jsonl").out);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].size(), 1u);
  CliResult bad = run_cli("solve roofline --model GPT2 --hardware A100 --columns latncy");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(contains(bad.err, "did you mean 'latency'")) << bad.err;
}

TEST(CliConventions, ErrorsInJsonModeAreAJsonObjectOnStdoutWithTheSameExitCode) {
  CliResult r = run_cli("solve roofline --model GPT2 --hardware A100 --set batch_size=0 -o json");
  EXPECT_EQ(r.exit_code, 1);
  const Json e = Json::parse(r.out);
  EXPECT_EQ(e["error"]["code"], "bad_input");
  EXPECT_EQ(e["error"]["field"], "batch_size");
  EXPECT_TRUE(contains(e["error"]["message"].get<std::string>(), "got 0"));
  CliResult unknown = run_cli("-o json solve roofline --model Nope --hardware A100");
  EXPECT_EQ(Json::parse(unknown.out)["error"]["code"], "unknown_name");
}

TEST(CliConventions, TablesFitTheTerminalWidth) {
  for (const char* command : {"solve roofline --model GPT2 --hardware A100", "zoo hardware", "plugins show roofline"}) {
    CliResult r = run_cli(command, "", "COLUMNS=72");
    ASSERT_EQ(r.exit_code, 0) << command << r.err;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      std::size_t width = 0;
      for (unsigned char c : line) width += (c & 0xC0) != 0x80;
      EXPECT_LE(width, 72u) << command << ": " << line;
    }
  }
  EXPECT_TRUE(contains(run_cli("zoo hardware", "", "COLUMNS=60").out, "not shown"));
  // A few rows too wide for the terminal become records: every column shown, none left out.
  const CliResult racks = run_cli("zoo racks", "", "COLUMNS=40");
  ASSERT_EQ(racks.exit_code, 0) << racks.err;
  EXPECT_TRUE(contains(racks.out, "-[ 1 ]")) << racks.out;
  EXPECT_TRUE(contains(racks.out, "-[ 2 ]")) << racks.out;
  for (const char* field : {"id            AI_Standard", "name          AI Cluster (Standard)", "power_kw      70",
                            "cooling_type  liquid"})
    EXPECT_TRUE(contains(racks.out, field)) << field << "\n" << racks.out;
  EXPECT_FALSE(contains(racks.out, "not shown"));
}

TEST(CliConventions, GlobalOptionsAppearInEverySubcommandsHelp) {
  for (const char* command : {"solve", "sweep", "zoo", "plot", "run"}) {
    CliResult r = run_cli(std::string(command) + " --help");
    EXPECT_TRUE(contains(r.out, "-o/--output table|json|jsonl|csv|markdown")) << command;
  }
}

TEST(CliConventions, ProgressIsShownOnATerminalOnlyAndNotWithQuiet) {
  const auto dir = make_temp_dir("progress");
  const std::string sweep = std::string("'") + MLSYSIM_CLI +
                            "' sweep roofline --set model=GPT2 --set hardware=A100 --over batch_size=1..5000 -o csv";
  // `script` gives the command a terminal; the log is what the terminal showed.
  auto on_terminal = [&](const std::string& extra) {
    const std::string log = (dir / "terminal.log").string();
    const std::string cmd =
        "script -qec \"MLSYSIM_PLUGIN_PATH= " + sweep + extra + " > /dev/null\" /dev/null > '" + log + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream in(log);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_TRUE(contains(on_terminal(""), "5000 / 5000 rows")) << on_terminal("");
  EXPECT_FALSE(contains(on_terminal(" --quiet"), "rows/s"));
  EXPECT_FALSE(contains(run_cli("sweep roofline --set model=GPT2 --set hardware=A100 --over batch_size=1..5000 -o csv").err,
                        "rows/s"))
      << "a pipe never sees the progress line";
  std::filesystem::remove_all(dir);
}

TEST(CliConventions, PipelineRunReadsTheSpecFromStdin) {
  const std::string spec = R"({"name":"one","inputs":{"model":"GPT2","hardware":"A100"},
    "stages":[{"id":"c","solver":"roofline"}],"report":{"latency":"c.latency"}})";
  CliResult r = run_cli("pipeline run - -o csv", spec);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("latency\n")) << r.out;
}

TEST(CliConventions, ModelAndHardwareTakeInlineSpecsAndSpecFiles) {
  const std::string device = R"({"id":"Half","name":"Half","compute":{"peak_flops":"100 TFLOPs/s"},"memory":{"capacity":"40 GB","bandwidth":"1 TB/s"}})";
  CliResult inline_spec = run_cli("solve roofline --model GPT2 --hardware '" + device + "' -o json");
  ASSERT_EQ(inline_spec.exit_code, 0) << inline_spec.err;
  const auto file = make_temp_dir("spec") / "half.json";
  std::ofstream(file) << device;
  CliResult from_file = run_cli("solve roofline --model GPT2 --hardware @" + file.string() + " -o json");
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(Json::parse(inline_spec.out)["outputs"], Json::parse(from_file.out)["outputs"]);
  // GPT2 at batch 1 is memory-bound: weights (1.5e9 params x 2 B x 1.1) over 1 TB/s.
  EXPECT_NEAR(Json::parse(from_file.out)["outputs"]["latency_memory"]["value"].get<double>(), 1.5e9 * 2 * 1.1 / 1e12, 1e-12);
}

}  // namespace
}  // namespace mlsysim::testing

namespace mlsysim::testing {
namespace {

// Runs the generated bash completion for the words typed so far (`env`:
// assignments for the shell, e.g. MLSYSIM_ZOO_PATH=...).
std::string complete(const std::string& typed, const std::string& env = "") {
  const auto dir = make_temp_dir("completion");
  const auto script = dir / "mlsysim.bash";
  std::ofstream(script) << run_cli("completion bash").out;
  const auto out = dir / "out";
  const std::string cmd = fmt::format(
      "MLSYSIM_PLUGIN_PATH= {} bash -c 'source \"{}\"; mlsysim() {{ \"{}\" \"$@\"; }}; COMP_WORDS=({}); "
      "COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _mlsysim; printf \"%s\\n\" \"${{COMPREPLY[@]}}\"' > '{}' 2>&1",
      env, script.string(), MLSYSIM_CLI, typed, out.string());
  (void)std::system(cmd.c_str());
  std::ifstream in(out);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CliPackaging, BashCompletionOffersCommandsOptionsAndZooIds) {
  EXPECT_TRUE(contains(complete("mlsysim so"), "solve")) << complete("mlsysim so");
  // After solve: the loaded solvers, then the chosen contract's ports as options.
  EXPECT_TRUE(contains(complete("mlsysim solve ro"), "roofline:calibrated")) << complete("mlsysim solve ro");
  EXPECT_TRUE(contains(complete("mlsysim solve roofline --mo"), "--model")) << complete("mlsysim solve roofline --mo");
  EXPECT_TRUE(contains(complete("mlsysim solve serving --dr"), "--draft-acceptance-rate"));
  EXPECT_TRUE(contains(complete("mlsysim plot r"), "roofline"));
  EXPECT_TRUE(contains(complete("mlsysim -o m"), "markdown"));
  EXPECT_TRUE(contains(complete(std::string("'") + MLSYSIM_CLI + "' solve roofline --hardware H1"), "H100"));
  // A variant's own parameters are options too; serve and eval take MODEL then HARDWARE from the zoo.
  const std::string cli = std::string("'") + MLSYSIM_CLI + "'";
  EXPECT_TRUE(contains(complete(cli + " solve roofline:calibrated --memory-e"), "--memory-efficiency"));
  EXPECT_TRUE(contains(complete(cli + " serve Llama3_"), "Llama3_70B"));
  // After any command's solver: that command's options, the solver's inputs after --set/--over, its
  // outputs after --columns (the last item of a list), and zoo kinds after `zoo`.
  EXPECT_TRUE(contains(complete(cli + " sweep roofline --se"), "--set"));
  EXPECT_TRUE(contains(complete(cli + " sweep roofline --set \"\""), "batch_size="));
  EXPECT_FALSE(contains(complete(cli + " sweep roofline --set \"\""), "solve")) << "no commands after --set";
  EXPECT_TRUE(contains(complete(cli + " solve roofline --model GPT2 --over \"\""), "precision="));
  EXPECT_TRUE(contains(complete(cli + " sweep roofline --columns latency,thr"), "latency,throughput"));
  EXPECT_TRUE(contains(complete(cli + " plot sweep serving --y it"), "itl"));
  EXPECT_TRUE(contains(complete(cli + " plot sweep ro"), "roofline:calibrated"));
  EXPECT_TRUE(contains(complete(cli + " elasticity ro"), "roofline:calibrated"));
  EXPECT_TRUE(contains(complete(cli + " plugins show ser"), "serving"));
  EXPECT_TRUE(contains(complete(cli + " zoo fl"), "fleets"));
  EXPECT_TRUE(contains(complete(cli + " serve Llama3_8B H100 --seq"), "--seq-len"));
  EXPECT_TRUE(contains(complete(cli + " -q sweep roofline --hardware H1"), "H100"));
  EXPECT_TRUE(contains(complete(cli + " serve Llama3_8B H2"), "H200"));
  EXPECT_FALSE(contains(complete(cli + " serve Llama3_8B H2"), "Llama3_70B"));
  EXPECT_TRUE(contains(complete(cli + " eval ResNet50 A1"), "A100"));
  EXPECT_TRUE(contains(complete(cli + " eval Chat"), "ChatbotServing"));  // eval: a scenario or a model
  EXPECT_TRUE(contains(complete(cli + " eval Llama3_"), "Llama3_8B"));
  EXPECT_TRUE(contains(complete(cli + " simulate Smart"), "SmartDoorbell"));
  EXPECT_TRUE(contains(complete(cli + " simulate SmartDoorbell --persona Tiny"), "TinyPioneer"));
  EXPECT_TRUE(contains(complete(cli + " serve Llama3_8B H100 --draft-model Llama3_"), "Llama3_8B"));
  // Fleets, fabrics and the other spec kinds offer their zoo ids too.
  EXPECT_TRUE(contains(complete(cli + " solve distributed --fleet Res"), "Research_256"));
  EXPECT_FALSE(contains(complete(cli + " solve distributed --fleet Res"), "Mega_100K"));
  EXPECT_TRUE(contains(complete(cli + " solve topology --fabric Infini"), "InfiniBand_NDR"));
}

TEST(CliPackaging, BashCompletionTreatsZooIdsAsDataNeverAsCode) {
  // Zoo entries whose ids are shell code, a glob and a word with spaces.
  const auto zoo = make_temp_dir("hostile_zoo");
  const auto marker = zoo / "was_run";
  const std::vector<std::string> ids = {"Evil$(touch${IFS}" + marker.string() + ")", "Evil`touch " + marker.string() + "`",
                                        "Evil*", "Evil two words"};
  std::filesystem::create_directories(zoo / "models");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Json model = {{"id", ids[i]}, {"name", "hostile"}, {"category", "Language"}, {"class", "transformer"},
                  {"parameters", 1e9}, {"inference_flops", "2e9 flop"}, {"layers", 2}};
    std::ofstream(zoo / "models" / fmt::format("evil{}.json", i)) << model.dump();
  }
  const std::string env = "MLSYSIM_ZOO_PATH='" + zoo.string() + "'";
  const std::string cli = std::string("'") + MLSYSIM_CLI + "'";
  for (const std::string& typed : {cli + " solve roofline --model Evil", cli + " serve Evil"}) {
    const std::string offered = complete(typed, env);
    for (const std::string& id : ids) EXPECT_TRUE(contains(offered, id + "\n")) << typed << "\n" << offered;
    EXPECT_FALSE(std::filesystem::exists(marker)) << "completion ran a zoo id: " << typed;
  }
}

TEST(CliPackaging, TheManPageHasASectionForEveryCommand) {
  const std::string page = run_cli("man").out;
  EXPECT_TRUE(page.starts_with(".TH MLSYSIM 1"));
  for (const char* command : {"solve", "eval", "serve", "sweep", "run", "zoo", "plugins", "pipeline", "elasticity",
                              "inverse", "score", "calibrate", "bench", "plot", "plot roofline", "completion"})
    EXPECT_TRUE(contains(page, fmt::format(".SS \"mlsysim {}\"", command))) << command;
  EXPECT_TRUE(contains(page, "\\fB\\-\\-hardware\\fR"));
}

}  // namespace
}  // namespace mlsysim::testing
