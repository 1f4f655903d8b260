// Values and records: kinds, typed access with dimension checks, interning.
#include <gtest/gtest.h>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/validate.hpp"

namespace mlsysim {
namespace {

TEST(Name, InternedNamesCompareByIdentity) {
  Name a("batch_size"), b(std::string("batch_") + "size"), c("batch");
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == c);
  EXPECT_EQ(a.view(), "batch_size");
}

TEST(Record, TypedAccessChecksKindAndDimension) {
  Record r{{"storage_bandwidth", Value(7e9 * unit::bytes_per_second)},
           {"batch_size", Value(32)},
           {"precision", Value("fp16")}};
  Result<ByteRate> bw = r.get<ByteRate>("storage_bandwidth");
  ASSERT_TRUE(bw.ok());
  EXPECT_DOUBLE_EQ(bw->value(), 7e9);

  Result<Seconds> wrong = r.get<Seconds>("storage_bandwidth");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "storage_bandwidth");
  EXPECT_NE(wrong.error().message.find("B/s"), std::string::npos) << wrong.error().message;

  EXPECT_EQ(*r.get<std::int64_t>("batch_size"), 32);
  EXPECT_DOUBLE_EQ(*r.get<double>("batch_size"), 32.0);  // integer widens to number
  EXPECT_FALSE(r.get<bool>("batch_size").ok());
  EXPECT_EQ(*r.get<std::string>("precision"), "fp16");
  EXPECT_FALSE(r.get<double>("missing").ok());
}

TEST(Record, SetReplacesAndKeepsOrder) {
  Record r;
  r.set("a", Value(1)).set("b", Value(2)).set("a", Value(3));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.begin()->name.view(), "a");
  EXPECT_EQ(*r.begin()->value.if_integer(), 3);
  EXPECT_TRUE(r.erase("a"));
  EXPECT_FALSE(r.contains("a"));
}

TEST(Value, CopiesMovesAndReassignsAcrossKinds) {
  auto hw = std::make_shared<HardwareSpec>();
  hw->id = "X1";
  Value text(std::string(100, 'x'));  // beyond any small-string buffer
  Value copy = text;
  EXPECT_EQ(*copy.if_string(), std::string(100, 'x'));
  Value moved = std::move(copy);
  EXPECT_EQ(*moved.if_string(), std::string(100, 'x'));

  Value spec{HardwareRef(hw)};
  EXPECT_EQ(hw.use_count(), 2);
  {
    Value spec_copy = spec;
    EXPECT_EQ(hw.use_count(), 3);
    spec_copy = Value(2.5 * unit::seconds);  // releases the spec, becomes a quantity
    EXPECT_EQ(hw.use_count(), 2);
    ASSERT_NE(spec_copy.if_quantity(), nullptr);
    EXPECT_EQ(spec_copy.dimension(), dims::time);
    spec_copy = text;  // quantity -> string
    EXPECT_EQ(spec_copy.kind(), ValueKind::kString);
  }
  spec = Value();
  EXPECT_EQ(hw.use_count(), 1);
  EXPECT_TRUE(spec.is_null());
  Value self = Value(7);
  self = *&self;  // self-assignment keeps the value
  EXPECT_EQ(*self.if_integer(), 7);
}

TEST(Record, LookupSurvivesEraseAndClear) {
  Record r{{"a", Value(1)}, {"b", Value(2)}, {"c", Value(3)}};
  ASSERT_TRUE(r.erase("b"));
  EXPECT_EQ(r.find(Name("b")), nullptr);
  ASSERT_NE(r.find(Name("c")), nullptr);
  EXPECT_EQ(*r.find(Name("c"))->if_integer(), 3);
  r.clear();
  EXPECT_EQ(r.find(Name("a")), nullptr);
  r.append(Name("a"), Value(4));
  EXPECT_EQ(*r.find(Name("a"))->if_integer(), 4);
  // Many names share filter bits; look-ups must still be exact.
  Record many;
  for (int i = 0; i < 200; ++i) many.set("field_" + std::to_string(i), Value(i));
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(*many.find(Name("field_" + std::to_string(i)))->if_integer(), i);
  EXPECT_EQ(many.find(Name("field_200")), nullptr);
}

// A contract of the test's own: a required rate and a defaulted batch.
class Demo final : public Contract {
 public:
  Demo() : Contract("demo", "1", "ports under test") {}
  Input<ByteRate> rate{*this, "rate", "demand"};
  Input<std::int64_t> batch{*this, "batch", 1, "samples", at_least(1)};
};

TEST(Ports, ValidateInputsAgainstDeclaredPorts) {
  const Demo demo;
  const auto& rate = demo.rate;
  const auto& batch = demo.batch;
  const SolverInfo info(demo.shared_info());
  ASSERT_EQ(info.inputs().size(), 2u) << "ports register with their contract, in order";
  EXPECT_EQ(info.inputs()[0].name.view(), "rate");

  EXPECT_TRUE(validate_inputs(info, Record{{"rate", Value(1e9 * unit::bytes_per_second)}}).ok());
  Status missing = validate_inputs(info, Record{{"batch", Value(2)}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "rate");
  Status wrong_dim = validate_inputs(info, Record{{"rate", Value(1.0 * unit::seconds)}});
  ASSERT_FALSE(wrong_dim.ok());
  EXPECT_EQ(wrong_dim.error().field, "rate");
  Status undeclared = validate_inputs(
      info, Record{{"rate", Value(1e9 * unit::bytes_per_second)}, {"colour", Value("red")}});
  ASSERT_FALSE(undeclared.ok());
  EXPECT_EQ(undeclared.error().field, "colour");

  const Record given{{"rate", Value(2e9 * unit::bytes_per_second)}};
  InputReader in(given);
  EXPECT_DOUBLE_EQ(in.get(rate).value(), 2e9);
  EXPECT_EQ(in.get(batch), 1);  // default applied
  EXPECT_TRUE(in.ok());

  Status below = validate_inputs(
      info, Record{{"rate", Value(1e9 * unit::bytes_per_second)}, {"batch", Value(0)}});
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.error().field, "batch");
  EXPECT_NE(below.error().message.find("must be >= 1, got 0"), std::string::npos)
      << below.error().message;
}

}  // namespace
}  // namespace mlsysim
