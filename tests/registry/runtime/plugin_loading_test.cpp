// Broken plugin candidates are reported with path and reason and skipped;
// everything else keeps working. The broken plugins are built on purpose
// (tests/fixtures/plugins/) or written here (random bytes, an empty file).
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "mlsysim/registry/search_path.hpp"
#include "mlsysim/registry/session.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

namespace fs = std::filesystem;

class PluginLoading : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_.load_directories({installed_plugin_dir()});
    ASSERT_NE(registry_.find_solver("roofline"), nullptr);
    dir_ = make_temp_dir("plugins");
  }
  void TearDown() override { fs::remove_all(dir_); }

  const PluginReport& load_test_plugin(const std::string& name) {
    fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / (name + ".so"), dir_ / (name + ".so"));
    return registry_.load_file(dir_ / (name + ".so"));
  }

  void expect_rejected(const PluginReport& r, const std::string& reason_part) {
    EXPECT_FALSE(r.loaded);
    EXPECT_NE(r.reason.find(reason_part), std::string::npos) << r.reason;
    EXPECT_TRUE(r.solvers.empty());
    // The rest still works.
    Session s(registry_);
    Result<Record> out = registry_.solve(
        "roofline", Record{{"model", Value(*registry_.model("GPT2"))},
                           {"hardware", Value(*registry_.hardware("A100"))}}, s);
    EXPECT_TRUE(out.ok());
  }

  Registry registry_;
  fs::path dir_;
};

TEST_F(PluginLoading, RandomBytes) {
  std::mt19937 rng(7);
  std::ofstream f(dir_ / "random.so", std::ios::binary);
  for (int i = 0; i < 4096; ++i) f.put(static_cast<char>(rng()));
  f.close();
  expect_rejected(registry_.load_file(dir_ / "random.so"), "cannot load");
}

TEST_F(PluginLoading, EmptyFile) {
  std::ofstream(dir_ / "empty.so").close();
  expect_rejected(registry_.load_file(dir_ / "empty.so"), "cannot load");
}

TEST_F(PluginLoading, ATruncatedCopyOfARealPluginIsRefusedNotCrashing) {
  const fs::path real = installed_plugin_dir() / "libmlsysim_roofline.so";
  std::ifstream in(real, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  for (std::size_t keep : {bytes.size() / 2, bytes.size() - 100, std::size_t{64}}) {
    std::ofstream(dir_ / "half.so", std::ios::binary) << bytes.substr(0, keep);
    Registry fresh;
    expect_rejected(fresh.load_file(dir_ / "half.so"), keep == 64 ? "cannot load" : "truncated");
  }
}

TEST_F(PluginLoading, AForeignLibraryIsRefusedWithoutRunningItsConstructors) {
  const fs::path marker = dir_ / "constructor-ran";
  setenv("MLSYSIM_TEST_MARKER", marker.c_str(), 1);
  expect_rejected(load_test_plugin("foreign_constructor"), "not an mlsysim plugin");
  EXPECT_FALSE(fs::exists(marker)) << "the library's static constructor ran";
  unsetenv("MLSYSIM_TEST_MARKER");
}

TEST_F(PluginLoading, SharedLibraryWithoutEntrySymbol) {
  expect_rejected(load_test_plugin("no_entry"), "not an mlsysim plugin");
}

TEST_F(PluginLoading, WrongAbiVersionIsRefusedBeforeAnyPluginCodeRuns) {
  const PluginReport& r = load_test_plugin("wrong_abi");  // register_fn would trap
  expect_rejected(r, "ABI version 99");
}

TEST_F(PluginLoading, FingerprintMismatchSaysWhatDiffers) {
  const PluginReport& r = load_test_plugin("wrong_fingerprint");
  expect_rejected(r, "stdlib differs");
  EXPECT_NE(r.reason.find("cxx11abi0"), std::string::npos) << r.reason;
}

TEST_F(PluginLoading, RegisterFunctionFailing) {
  expect_rejected(load_test_plugin("register_fails"), "license file not found");
}

TEST_F(PluginLoading, ALongFailureMessageIsCutAtACharacterBoundary) {
  const PluginReport& r = load_test_plugin("register_fails_long");
  ASSERT_FALSE(r.loaded);
  ASSERT_GT(r.reason.size(), 500u);
  std::size_t i = 0;  // every multi-byte sequence complete
  while (i < r.reason.size()) {
    const auto c = static_cast<unsigned char>(r.reason[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    ASSERT_LE(i + length, r.reason.size()) << "cut inside a character at byte " << i;
    for (std::size_t k = 1; k < length; ++k)
      ASSERT_EQ(static_cast<unsigned char>(r.reason[i + k]) & 0xC0, 0x80) << "at byte " << i + k;
    i += length;
  }
}

TEST_F(PluginLoading, RegisterFunctionThrowing) {
  expect_rejected(load_test_plugin("register_throws"), "boom while registering");
}

TEST_F(PluginLoading, DuplicateSolverNameNamesBothLibrariesAndAddsNothing) {
  const PluginReport& r = load_test_plugin("duplicate_roofline");
  expect_rejected(r, "libmlsysim_roofline.so");
  EXPECT_NE(r.reason.find("duplicate_roofline.so"), std::string::npos) << r.reason;
  EXPECT_EQ(registry_.find_solver("bystander"), nullptr) << "a rejected plugin adds nothing";
}

TEST_F(PluginLoading, DirectoryScanSkipsBrokenAndLoadsGood) {
  for (const char* name : {"no_entry", "register_throws", "good_scale"})
    fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / (std::string(name) + ".so"),
                  dir_ / (std::string(name) + ".so"));
  std::ofstream(dir_ / "notes.txt") << "not a candidate";
  std::ofstream(dir_ / "zero.so").close();
  Registry fresh;
  fresh.load_directories({dir_, installed_plugin_dir()});
  std::size_t rejected = 0;
  for (const PluginReport& r : fresh.reports()) {
    EXPECT_NE(r.path.filename(), "notes.txt");
    if (!r.loaded) {
      ++rejected;
      EXPECT_FALSE(r.reason.empty());
    }
  }
  EXPECT_EQ(rejected, 3u);
  ASSERT_NE(fresh.find_solver("scale"), nullptr);
  Session s(fresh);
  Result<Record> out = fresh.solve("scale", Record{{"time", Value(2.0 * unit::seconds)}}, s);
  ASSERT_TRUE(out.ok());
  EXPECT_DOUBLE_EQ(out->get<Seconds>("scaled")->value(), 4.0);
}

TEST_F(PluginLoading, SameFileTwiceIsLoadedOnce) {
  Registry once, twice;
  once.load_directories({installed_plugin_dir()});
  twice.load_directories({installed_plugin_dir(), installed_plugin_dir()});
  EXPECT_GE(once.reports().size(), 2u);  // at least roofline and zoo
  EXPECT_EQ(twice.reports().size(), once.reports().size());
}

TEST(PluginLifetime, SolverHandleKeepsItsLibraryLoaded) {
  std::optional<SolverHandle> handle;
  Result<ModelRef> model = Error::internal("");
  Result<HardwareRef> hardware = Error::internal("");
  {
    Registry registry;
    registry.load_directories({installed_plugin_dir()});
    handle.emplace(*registry.find_solver("roofline"));
    model = registry.model("ResNet50");
    hardware = registry.hardware("T4");
  }  // registry gone
  Registry empty;
  Session s(empty);
  Result<Record> out = handle->solve(Record{{"model", Value(*model)}, {"hardware", Value(*hardware)}}, s);
  ASSERT_TRUE(out.ok());
  EXPECT_GT(out->get<Seconds>("latency")->value(), 0.0);
}

TEST(PluginCli, ListShowsRejectedCandidatesWithReasons) {
  auto dir = make_temp_dir("cli-plugins");
  std::ofstream(dir / "broken.so") << "garbage";
  CliResult r = run_cli("plugins list --plugin-path '" + dir.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("REJECTED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("broken.so"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("broken.so"), std::string::npos) << "also reported on stderr";
  r = run_cli("solve roofline --model GPT2 --hardware A100 -o json --plugin-path '" +
              dir.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << "a broken plugin does not take the others down";
  EXPECT_NO_THROW({
    const Json parsed = Json::parse(r.out);
    (void)parsed;
  });
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mlsysim::testing
