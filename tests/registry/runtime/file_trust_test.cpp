// Files mlsysim loads are judged where they really are, with every
// directory above them (framework/file_trust.hpp): plugins reached through a
// symlink or a safe directory inside a world-writable one, and variants'
// parameter files, which are also regular files of a bounded size with
// values inside their parameters' bounds (issue 18 #8, #11).
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

namespace fs = std::filesystem;

void make_world_writable(const fs::path& p) { fs::permissions(p, fs::perms::others_write, fs::perm_options::add); }

// A directory of mode 0755, under a fresh temporary directory.
fs::path safe_dir(const std::string& tag) {
  const fs::path dir = make_temp_dir(tag) / "safe";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  return dir;
}

void copy_plugin(const std::string& name, const fs::path& dir) {
  fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / (name + ".so"), dir / (name + ".so"),
                fs::copy_options::overwrite_existing);
}

void expect_plugin_refused(const std::string& args, const std::string& why) {
  CliResult r = run_cli(args + " plugins list -o json");
  EXPECT_NE(r.err.find(why), std::string::npos) << args << "\n" << r.err;
  EXPECT_EQ(r.out.find("\"scale:reference\""), std::string::npos) << args << ": the plugin was loaded";
}

TEST(FileTrust, APluginReachedThroughASymlinkIsJudgedWhereItReallyIs) {
  const fs::path open = make_temp_dir("trust_open");  // a non-sticky world-writable directory
  make_world_writable(open);
  copy_plugin("good_scale", open);
  const fs::path dir = safe_dir("trust_link");
  fs::create_symlink(open / "good_scale.so", dir / "good_scale.so");
  expect_plugin_refused("--plugin-path '" + dir.string() + "'", "is world-writable");
}

TEST(FileTrust, ASafeDirectoryInsideAWorldWritableOneIsRefused) {
  const fs::path parent = make_temp_dir("trust_parent");
  const fs::path dir = parent / "plugins";
  fs::create_directories(dir);
  copy_plugin("good_scale", dir);
  make_world_writable(parent);
  expect_plugin_refused("--plugin-path '" + dir.string() + "'", "directory " + parent.string());
  CliResult check = run_cli("plugins check '" + (dir / "good_scale.so").string() + "'");
  EXPECT_NE(check.exit_code, 0);
  EXPECT_NE((check.out + check.err).find("world-writable"), std::string::npos) << check.out << check.err;
  CliResult allowed = run_cli("--plugin-path '" + dir.string() + "' plugins list -o json", "",
                              "MLSYSIM_ALLOW_WRITABLE_PLUGINS=1");
  EXPECT_NE(allowed.out.find("\"scale:reference\""), std::string::npos) << allowed.err;
}

TEST(FileTrust, APluginInTheStickyTempDirectoryOwnedByTheUserLoads) {
  // /tmp is world-writable and sticky: entries of this user's are protected there.
  const fs::path dir = safe_dir("trust_sticky");
  copy_plugin("good_scale", dir);
  CliResult r = run_cli("--plugin-path '" + dir.string() + "' plugins list -o json");
  EXPECT_NE(r.out.find("\"scale:reference\""), std::string::npos) << r.err;
}

// The calibrated roofline's shipped parameter file, as JSON.
Json shipped_parameters() {
  const CliResult show = run_cli("plugins show roofline:calibrated -o json");
  EXPECT_EQ(show.exit_code, 0) << show.err;
  std::ifstream in(Json::parse(show.out)["parameter_file"].get<std::string>());
  return Json::parse(in);
}

// What `plugins list` says with MLSYSIM_CALIBRATION_DIR at `dir`.
std::string load_with(const fs::path& dir) {
  CliResult r = run_cli("plugins list", "", "MLSYSIM_CALIBRATION_DIR='" + dir.string() + "'");
  return r.err;
}

TEST(FileTrust, AParameterFileThatIsNotARegularFileIsRefusedWithoutReadingIt) {
  const fs::path dir = safe_dir("params_special");
  ASSERT_EQ(::mkfifo((dir / "roofline_calibrated.json").c_str(), 0600), 0);  // would block a reader
  fs::create_symlink("/dev/zero", dir / "serving_calibrated.json");          // would never end
  const std::string err = load_with(dir);
  EXPECT_NE(err.find("roofline_calibrated.json' is not a regular file"), std::string::npos) << err;
  EXPECT_NE(err.find("serving_calibrated.json' is not a regular file"), std::string::npos) << err;
}

TEST(FileTrust, AParameterFileTooLargeOrWritableByOthersIsRefused) {
  const fs::path dir = safe_dir("params_mode");
  std::ofstream(dir / "roofline_calibrated.json") << shipped_parameters().dump();
  make_world_writable(dir / "roofline_calibrated.json");
  {
    std::ofstream big(dir / "serving_calibrated.json");
    big << "{\"parameters\": {}, \"pad\": \"" << std::string(2 << 20, 'x') << "\"}";
  }
  const std::string err = load_with(dir);
  EXPECT_NE(err.find("roofline_calibrated.json' is not trusted"), std::string::npos) << err;
  EXPECT_NE(err.find("serving_calibrated.json' is larger than 1048576 bytes"), std::string::npos) << err;
}

TEST(FileTrust, ParameterValuesAndTablesOutsideTheirBoundsAreRefused) {
  const std::pair<std::string, std::string> cases[] = {
      {"/parameters/compute_efficiency_16bit", "'compute_efficiency_16bit' is out of range"},
      {"/parameters/overlap_exponent", "'overlap_exponent' is out of range"},
      {"/tables/flop_convention/ResNet50", "flop_convention factor for 'ResNet50' must be in (0, 1000]"}};
  for (const auto& [pointer, why] : cases) {
    for (double bad : {0.0, -2.0}) {
      const fs::path dir = safe_dir("params_bounds");
      Json file = shipped_parameters();
      file[Json::json_pointer(pointer)] = bad;
      std::ofstream(dir / "roofline_calibrated.json") << file.dump();
      const std::string err = load_with(dir);
      EXPECT_NE(err.find(why), std::string::npos) << pointer << " = " << bad << "\n" << err;
    }
  }
}

TEST(FileTrust, AParameterFileFromTheUsersDirectoryIsNamedWhenUsed) {
  const fs::path dir = safe_dir("params_notice");
  std::ofstream(dir / "roofline_calibrated.json") << shipped_parameters().dump();
  CliResult r = run_cli("solve roofline:calibrated --model GPT2 --hardware A100", "",
                        "MLSYSIM_CALIBRATION_DIR='" + dir.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("roofline:calibrated uses the parameter file " + (dir / "roofline_calibrated.json").string()),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run_cli("solve roofline:calibrated --model GPT2 --hardware A100").err.find("uses the parameter file"),
            std::string::npos);
}

}  // namespace
}  // namespace mlsysim::testing
