// Rows decided by a rule a variant keeps for parity carry a note (issue 23):
// the offload of a model that does not fit, a zero storage supply, decode
// without a compute term. Notes reach every front end and never mix with
// the warnings parity compares.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Json solve_json(const std::string& args) {
  const CliResult r = run_cli("solve " + args + " -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return Json::parse(r.out);
}

TEST(Notes, AModelThatDoesNotFitSaysItsFiguresAreTheOffloadRules) {
  // Llama3_70B is 141 GB at fp16; a T4 holds 16 GB.
  const Json noted = solve_json("roofline --model Llama3_70B --hardware T4");
  EXPECT_EQ(noted["outputs"]["feasible"], false);
  ASSERT_EQ(noted["notes"].size(), 1u) << noted.dump();
  EXPECT_TRUE(contains(noted["notes"][0], "offload rule")) << noted.dump();
  EXPECT_TRUE(noted["warnings"].empty()) << "a note is not a warning";
  EXPECT_TRUE(solve_json("roofline --model GPT2 --hardware T4")["notes"].empty());
  const CliResult text = run_cli("solve roofline --model Llama3_70B --hardware T4");
  EXPECT_TRUE(contains(text.err, "mlsysim: note: the model does not fit in device memory")) << text.err;
  EXPECT_FALSE(contains(text.err, "warning")) << text.err;
}

TEST(Notes, TheBatchProtocolCarriesNotesOnlyWhenThereAreSome) {
  const CliResult r = run_cli("run -", R"({"solver":"roofline","inputs":{"model":"Llama3_70B","hardware":"T4"}}
{"solver":"roofline","inputs":{"model":"GPT2","hardware":"T4"}}
)");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first), std::getline(lines, second);
  EXPECT_EQ(Json::parse(first)["notes"].size(), 1u) << first;
  EXPECT_FALSE(Json::parse(second).contains("notes")) << second;
  EXPECT_FALSE(Json::parse(first).contains("warnings")) << first;
}

TEST(Notes, ADeviceWithoutStorageSaysItsSupplyOfZeroIsARule) {
  const Json a100 = solve_json("data --hardware A100 --workload-data-rate '1 GB/s'");
  EXPECT_EQ(a100["outputs"]["supply_bw"]["value"], 0.0);
  ASSERT_EQ(a100["notes"].size(), 1u);
  EXPECT_TRUE(contains(a100["notes"][0], "lists no storage")) << a100.dump();
  EXPECT_TRUE(solve_json("data --hardware H100 --workload-data-rate '1 GB/s'")["notes"].empty());
}

TEST(Notes, DecodeThatWouldBeComputeBoundSaysItslItlIsMemoryOnly) {
  // One decode step of Llama3_8B at batch 256, context 128, on an H100 at fp16 and efficiency 0.5:
  // 2 N B + 4 L h d S B FLOPs at 989 TFLOP/s x 0.5, against (W + KV) / 3.35 TB/s for the itl.
  const double flops = 2 * 8.03e9 * 256 + 4.0 * 32 * 32 * 128 * 128 * 256;
  const double compute_ms = flops / (989e12 * 0.5) * 1e3;
  const Json big = solve_json("serving --model Llama3_8B --hardware H100 --seq-len 128 --batch-size 256");
  const double itl_ms = big["outputs"]["itl"]["value"].get<double>() * 1e3;
  ASSERT_GT(compute_ms, itl_ms);
  ASSERT_EQ(big["notes"].size(), 1u) << big.dump();
  const std::string note = big["notes"][0];
  EXPECT_TRUE(contains(note, fmt::format("take {:.4g} ms", compute_ms))) << note;
  EXPECT_TRUE(contains(note, "no compute term")) << note;
  // At batch 8 the same step's FLOPs take far less than its memory traffic: no note.
  EXPECT_TRUE(solve_json("serving --model Llama3_8B --hardware H100 --seq-len 128 --batch-size 8")["notes"].empty());
}

TEST(Notes, SweepsCarryNotesInAColumnAndSumThemUpOnStderr) {
  const CliResult r = run_cli("sweep roofline --over model=GPT2,Llama3_70B --over hardware=T4,H200 -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header, row;
  std::getline(lines, header);
  EXPECT_TRUE(header.ends_with(",warnings,notes")) << header;
  int noted = 0;
  while (std::getline(lines, row)) noted += contains(row, "offload rule") ? 1 : 0;
  EXPECT_EQ(noted, 2) << r.out;  // Llama3_70B's 141.2 GB fits neither a T4 (16 GB) nor an H200 (141 GB)
  EXPECT_TRUE(contains(r.err, "mlsysim: note: 2 of 4 row(s), the first at model=Llama3_70B, hardware=T4"))
      << r.err;
}

TEST(Notes, ABoundCallsNotesReachTheCallerAttributedOncePerCall) {
  const CliResult r = run_cli("solve sensitivity --model Llama3_70B --hardware T4 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json notes = Json::parse(r.out)["notes"];
  ASSERT_EQ(notes.size(), 4u) << notes.dump();  // the baseline and three perturbed runs
  EXPECT_TRUE(contains(notes[0], "roofline:reference (baseline): the model does not fit")) << notes.dump();
}

}  // namespace
}  // namespace mlsysim::testing
