// Unit strings at the edges, and the compile-time <-> runtime dimension bridge.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {
namespace {

static_assert(DimensionOf<ByteRate> == dims::byte_rate);
static_assert(DimensionOf<FlopRate> == dims::flop_rate);
static_assert(DimensionOf<Joules> == dims::energy);
static_assert(DimensionOf<Watts> == dims::power);
static_assert(DimensionOf<Intensity> == dims::intensity);
static_assert(DimensionOf<Seconds> == dims::time);

struct Parsed {
  const char* text;
  double value;
  Dimension dimension;
};

void PrintTo(const Parsed& p, std::ostream* os) { *os << '"' << p.text << '"'; }

class ParsesUnitStrings : public ::testing::TestWithParam<Parsed> {};

TEST_P(ParsesUnitStrings, IntoBaseUnits) {
  const Parsed& p = GetParam();
  Result<Quantity> q = parse_quantity(p.text, "field");
  ASSERT_TRUE(q.ok()) << p.text << ": " << q.error().message;
  EXPECT_DOUBLE_EQ(q->value, p.value) << p.text;
  EXPECT_EQ(q->dimension, p.dimension) << p.text << " -> " << q->dimension.unit_symbol();
}

INSTANTIATE_TEST_SUITE_P(
    Examples, ParsesUnitStrings,
    ::testing::Values(Parsed{"312 TFLOP/s", 312e12, dims::flop_rate},
                      Parsed{"312.0 TFLOPs/s", 312e12, dims::flop_rate},
                      Parsed{"125.0 PFLOPs/s", 125e15, dims::flop_rate},
                      Parsed{"989 TFLOPS", 989e12, dims::flop_rate},
                      Parsed{"2.039 TB/s", 2.039e12, dims::byte_rate},
                      Parsed{"80 GiB", 80.0 * 1073741824.0, dims::bytes},
                      Parsed{"512 KiB", 512.0 * 1024, dims::bytes},
                      Parsed{"500 KB", 500e3, dims::bytes},
                      Parsed{"0.015 ms", 1.5e-5, dims::time},
                      Parsed{"250 us", 250e-6, dims::time},
                      Parsed{"250 µs", 250e-6, dims::time},
                      Parsed{"2 min", 120, dims::time},
                      Parsed{"3 Gbps", 3e9 / 8, dims::byte_rate},
                      Parsed{"3 Gb/s", 3e9 / 8, dims::byte_rate},
                      Parsed{"19 TB/hour", 19e12 / 3600, dims::byte_rate},
                      Parsed{"400 W", 400, dims::power},
                      Parsed{"120 kW", 120e3, dims::power},
                      Parsed{"15 Wh", 15 * 3600.0, dims::energy},
                      Parsed{"3e9 flop", 3e9, dims::flops},
                      Parsed{"100 1/s", 100, dims::frequency},
                      Parsed{"4 flop/B", 4, dims::intensity},
                      Parsed{"  7 GB / s ", 7e9, dims::byte_rate},
                      Parsed{"0.5", 0.5, dims::none},
                      // As the CLI prints rates and counts, so they can be typed back.
                      Parsed{"5 k/s", 5e3, dims::frequency},
                      Parsed{"1.416 k/s", 1416, dims::frequency},
                      Parsed{"178.5 /s", 178.5, dims::frequency},
                      Parsed{"2 M", 2e6, dims::none},
                      Parsed{"64 kbps", 8000, dims::byte_rate}),
    [](const ::testing::TestParamInfo<Parsed>& info) {
      // "312 TFLOP/s" -> "3_312_TFLOP_s": the index keeps names unique.
      std::string name = std::to_string(info.index) + "_";
      for (unsigned char ch : std::string(info.param.text))
        name += std::isalnum(ch) ? static_cast<char>(ch) : '_';
      return name;
    });

TEST(UnitParser, RejectsMalformedText) {
  for (const char* text : {"", "GB/s", "fast", "nan GB", "inf s", "3 furlongs", "3 GB//s",
                           "3 GB/", "1e999 B"}) {
    Result<Quantity> q = parse_quantity(text, "storage_bandwidth");
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.error().code, ErrorCode::kBadInput);
    EXPECT_EQ(q.error().field, "storage_bandwidth");
  }
}

TEST(UnitParser, LowercaseSizesThatMayBeBitsOrBytesAreRefusedWithBothReadings) {
  const std::pair<const char*, const char*> cases[] = {
      {"500 mb", "write MB for bytes or Mb for bits"},  // "m" would make it millibits
      {"10 gb/s", "write GB for bytes or Gb for bits"},
      {"3 mbps", "write MB/s for bytes or Mbps for bits per second"},
      {"1 tb", "write TB for bytes or Tb for bits"},
      {"4 kb", "write kB for bytes or kbit for bits"}};
  for (const auto& [text, hint] : cases) {
    Result<Quantity> q = parse_quantity(text, "sample_size_bytes");
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.error().field, "sample_size_bytes");
    EXPECT_NE(q.error().message.find("is ambiguous: " + std::string(hint)), std::string::npos)
        << q.error().message;
  }
}

TEST(UnitParser, DimensionMismatchNamesFieldUnitAndExpectation) {
  Result<Quantity> q = parse_quantity_as("3 GB", dims::byte_rate, "workload_data_rate");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().field, "workload_data_rate");
  EXPECT_NE(q.error().message.find("3 GB"), std::string::npos) << q.error().message;
  EXPECT_NE(q.error().message.find("data rate"), std::string::npos) << q.error().message;
  EXPECT_NE(q.error().message.find("B/s"), std::string::npos) << q.error().message;
}

TEST(UnitParser, ValueUnitObjectForm) {
  Result<Quantity> q = make_quantity(3, "GB/s", dims::byte_rate, "x");
  ASSERT_TRUE(q.ok());
  EXPECT_DOUBLE_EQ(q->value, 3e9);
  EXPECT_FALSE(make_quantity(3, "ms", dims::byte_rate, "x").ok());
  EXPECT_FALSE(make_quantity(std::nan(""), "ms", dims::time, "x").ok());
}

TEST(Dimension, BaseUnitSymbols) {
  EXPECT_EQ(dims::byte_rate.unit_symbol(), "B/s");
  EXPECT_EQ(dims::flop_rate.unit_symbol(), "flop/s");
  EXPECT_EQ(dims::intensity.unit_symbol(), "flop/B");
  EXPECT_EQ(dims::frequency.unit_symbol(), "1/s");
  EXPECT_EQ(dims::energy.unit_symbol(), "J");
  EXPECT_EQ(dims::power.unit_symbol(), "W");
  EXPECT_EQ(dims::none.unit_symbol(), "1");
}

// The unit a plain number is written with ("1") reads back as a plain number,
// so every quantity the tool writes types back: {"value": 6651, "unit": "1"}.
TEST(Units, ThePlainNumberUnitOneReadsBack) {
  Result<Unit> one = parse_unit("1", "measured");
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one->factor, 1.0);
  EXPECT_TRUE(one->dimension.dimensionless());
  Result<Unit> rate = parse_unit("1/s", "rate");
  ASSERT_TRUE(rate.ok());
  EXPECT_EQ(rate->dimension, dims::frequency);
}

TEST(Units, TypedArithmeticKeepsDimensions) {
  const Bytes w = 3e9 * unit::bytes;
  const ByteRate bw = 1.5e12 * unit::bytes_per_second;
  const Seconds t = w / bw;
  EXPECT_DOUBLE_EQ(t.value(), 2e-3);
  const Joules e = (400.0 * unit::watts) * t;
  EXPECT_DOUBLE_EQ(e.value(), 0.8);
}

TEST(QuantityFromJson, OneRuleForEveryJsonReader) {
  // A string with its unit, a bare number in base units, or {"value", "unit"}.
  for (const char* text : {R"("3 GB/s")", "3e9", R"({"value": 3, "unit": "GB/s"})"}) {
    Result<Quantity> q = quantity_from_json(Json::parse(text), dims::byte_rate, "bw");
    ASSERT_TRUE(q.ok()) << text << ": " << describe(q.error());
    EXPECT_DOUBLE_EQ(q->value, 3e9) << text;
  }
  // Without an expected dimension the unit decides it; a bare number is dimensionless.
  EXPECT_EQ(quantity_from_json(Json::parse(R"("2 ms")"), std::nullopt, "t")->dimension, dims::time);
  EXPECT_EQ(quantity_from_json(Json::parse("2"), std::nullopt, "t")->dimension, dims::none);
  // Anything else names the field, the value given and what was expected.
  for (const char* text : {R"({"value": 3, "unit": "GB/s", "extra": 1})", "true", R"(["3 GB/s"])",
                           R"({"value": "3", "unit": "GB/s"})", R"("3 ms")", R"({"value": 1e308, "unit": "TB/s"})"}) {
    Result<Quantity> q = quantity_from_json(Json::parse(text), dims::byte_rate, "link.bandwidth");
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.error().code, ErrorCode::kBadInput) << text;
    EXPECT_EQ(q.error().field, "link.bandwidth") << text;
    EXPECT_NE(q.error().message.find("link.bandwidth"), std::string::npos) << q.error().message;
  }
}

}  // namespace
}  // namespace mlsysim
