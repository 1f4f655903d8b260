// The zoo: MLSys·im's 27 devices and 19 models with ids and aliases, user
// directories that add or override, and malformed files reported and skipped.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "mlsysim/registry/search_path.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

TEST(Zoo, ServesEveryMlsysimEntry) {
  const Registry& r = default_registry();
  EXPECT_EQ(r.all_hardware().size(), 27u);
  EXPECT_EQ(r.all_models().size(), 19u);
  for (const HardwareRef& h : r.all_hardware()) {
    EXPECT_FALSE(h->name.empty()) << h->id;
    EXPECT_FALSE(h->provenance.source.empty()) << h->id;
    EXPECT_GT(h->peak_flops.value(), 0) << h->id;
  }
}

TEST(Zoo, IdsAliasesAndPaths) {
  const Registry& r = default_registry();
  EXPECT_EQ((*r.hardware("NVL72"))->id, "GB200_NVL72");
  EXPECT_EQ((*r.hardware("TPUv4"))->name, "Google TPU v5p");  // 0.1.0: TPUv4 is TPU v5p
  EXPECT_EQ((*r.hardware("Generic_Phone"))->id, "iPhone15Pro");
  EXPECT_EQ((*r.hardware("ESP32"))->id, "ESP32_S3");
  EXPECT_EQ((*r.hardware("Hardware.Cloud.A100"))->id, "A100");
  EXPECT_EQ((*r.hardware("Cloud.H100"))->id, "H100");
  EXPECT_EQ((*r.model("Models.Language.Llama3_8B"))->name, "Llama-3.1-8B");
  EXPECT_FALSE(r.hardware("Edge.A100").ok()) << "category must match when given";
  EXPECT_EQ(r.model("Llama9").error().code, ErrorCode::kUnknownName);
}

TEST(Zoo, UnitsAndOrderAsMlsysimStoresThem) {
  const Registry& r = default_registry();
  HardwareRef a100 = *r.hardware("A100");
  EXPECT_DOUBLE_EQ(a100->memory_capacity.value(), 80.0 * 1073741824.0);
  EXPECT_DOUBLE_EQ(a100->memory_bandwidth.value(), 2039e9);
  EXPECT_DOUBLE_EQ(a100->dispatch_tax.value(), 0.015e-3);
  ASSERT_EQ(a100->precision_flops.size(), 3u);
  EXPECT_EQ(a100->precision_flops[0].first, "fp32");
  EXPECT_EQ(a100->precision_flops[2].first, "int8");
  HardwareRef esp = *r.hardware("ESP32_S3");
  ASSERT_TRUE(esp->sram_capacity.has_value());
  EXPECT_DOUBLE_EQ(esp->sram_capacity->value(), 512.0 * 1024);
  ModelRef dlrm = *r.model("DLRM");
  EXPECT_FALSE(dlrm->parameters.has_value());
  EXPECT_DOUBLE_EQ(dlrm->model_size->value(), 100e9);
  EXPECT_FALSE((*r.model("Llama2_70B"))->kv_heads.has_value());
}

TEST(Zoo, UserDirectoryAddsOverridesAndSurvivesMalformedFiles) {
  auto dir = make_temp_dir("zoo");
  std::filesystem::create_directories(dir / "hardware");
  std::ofstream(dir / "hardware" / "MyChip.json")
      << R"({"id": "MyChip", "name": "My Chip", "compute": {"peak_flops": "10 TFLOP/s"},
            "memory": {"capacity": "4 GB", "bandwidth": "200 GB/s"}})";
  std::ofstream(dir / "hardware" / "A100.json")
      << R"({"id": "A100", "name": "A100 tuned", "compute": {"peak_flops": "312 TFLOP/s"},
            "memory": {"capacity": "80 GiB", "bandwidth": "1.8 TB/s"}})";
  std::ofstream(dir / "hardware" / "Broken.json")
      << R"({"id": "Broken", "compute": {"peak_flops": "10 TFLOP/s"},
            "memory": {"capacity": "fast", "bandwidth": "200 GB/s"}})";
  std::ofstream(dir / "hardware" / "NotJson.json") << "{ nope";

  ::setenv("MLSYSIM_ZOO_PATH", dir.c_str(), 1);
  Registry r;
  r.load_directories({installed_plugin_dir()});
  ::unsetenv("MLSYSIM_ZOO_PATH");

  EXPECT_EQ((*r.hardware("MyChip"))->name, "My Chip");
  EXPECT_DOUBLE_EQ((*r.hardware("A100"))->memory_bandwidth.value(), 1.8e12);
  EXPECT_FALSE(r.hardware("Broken").ok());
  EXPECT_EQ(r.all_hardware().size(), 28u) << "27 built in + MyChip; A100 replaced";
  std::string diagnostics;
  for (const PluginReport& p : r.reports())
    for (const std::string& d : p.diagnostics) diagnostics += d + "\n";
  EXPECT_NE(diagnostics.find("Broken.json"), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("memory.capacity"), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("NotJson.json"), std::string::npos) << diagnostics;
  std::filesystem::remove_all(dir);
}

// A zoo path entry that cannot even be stat'ed (a symlink loop, a name too
// long) is reported and skipped; the built-in zoo and the other entries stay.
TEST(Zoo, AZooPathEntryThatCannotBeReadIsReportedAndTheBuiltInZooStays) {
  const auto dir = std::filesystem::temp_directory_path() / ("mlsysim_zoo_unreadable_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "extra" / "hardware");
  std::filesystem::create_directory_symlink(dir / "loop", dir / "loop");
  std::ofstream(dir / "extra" / "hardware" / "MyChip.json")
      << R"({"id": "MyChip", "name": "My Chip", "compute": {"peak_flops": "100 TFLOPs/s"},
            "memory": {"capacity": "16 GB", "bandwidth": "1 TB/s"}})";
  const std::string too_long = (dir / std::string(300, 'a') / "zoo").string();
  const std::string path = (dir / "loop" / "zoo").string() + ":" + too_long + ":" + (dir / "extra").string();
  CliResult r = run_cli("solve roofline --model ResNet50 --hardware MyChip -o json", "", "MLSYSIM_ZOO_PATH=" + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find((dir / "loop" / "zoo").string() + " cannot be read: Too many levels of symbolic links"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot be read: File name too long"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("skipped plugin"), std::string::npos) << r.err;  // the zoo plugin itself loaded
  EXPECT_EQ(r.err.find("share/mlsysim/zoo"), std::string::npos) << r.err;  // nothing said of the built-in zoo
  const std::string listed = run_cli("zoo hardware -o csv", "", "MLSYSIM_ZOO_PATH=" + path).out;
  EXPECT_NE(listed.find("\nA100,"), std::string::npos) << listed;  // the built-in devices are all there
  EXPECT_NE(listed.find("\nMyChip,"), std::string::npos) << listed;
  std::filesystem::remove_all(dir);
}

// A zoo directory without read permission is reported, not silently empty.
// Root reads any directory, so as root the CLI runs as `nobody` (setpriv).
TEST(Zoo, AZooDirectoryWithoutPermissionIsReported) {
  const auto dir = std::filesystem::temp_directory_path() / ("mlsysim_zoo_mode000_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "locked" / "hardware");
  std::filesystem::permissions(dir, std::filesystem::perms::all & ~std::filesystem::perms::group_write &
                                        ~std::filesystem::perms::others_write);
  std::filesystem::permissions(dir / "locked", std::filesystem::perms::none);
  const std::string as_user = ::geteuid() == 0 ? " setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
  CliResult r = run_cli("solve roofline --model ResNet50 --hardware A100 -o json", "",
                        "MLSYSIM_ZOO_PATH=" + (dir / "locked").string() + as_user);
  std::filesystem::permissions(dir / "locked", std::filesystem::perms::owner_all);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find((dir / "locked").string() + " cannot be read: Permission denied"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("share/mlsysim/zoo"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mlsysim::testing
