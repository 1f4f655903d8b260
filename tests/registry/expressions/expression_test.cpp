// Pipeline expressions: parsing, precedence, functions, dimension checks.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "mlsysim/registry/expression.hpp"

namespace mlsysim {
namespace {

double eval(const std::string& text, std::vector<double> values = {}) {
  Result<Expression> e = Expression::parse(text);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  std::vector<Dimension> dims(e->references().size());
  EXPECT_TRUE(e->check(dims).ok());
  return e->evaluate(values);
}

TEST(Expression, FollowsPrecedenceAndParentheses) {
  EXPECT_DOUBLE_EQ(eval("1 + 2 * 3"), 7.0);
  EXPECT_DOUBLE_EQ(eval("(1 + 2) * 3"), 9.0);
  EXPECT_DOUBLE_EQ(eval("8 / 4 / 2"), 1.0);  // left associative
  EXPECT_DOUBLE_EQ(eval("10 - 4 - 3"), 3.0);
  EXPECT_DOUBLE_EQ(eval("-2 * -3"), 6.0);
  EXPECT_DOUBLE_EQ(eval("2.5e3 * 2"), 5000.0);
  EXPECT_DOUBLE_EQ(eval("max(1, 7, 3) - min(4, 2)"), 5.0);
  EXPECT_TRUE(std::isinf(eval("1 / 0")));  // IEEE, as the solvers expect
}

TEST(Expression, ListsEachReferenceOnceInOrder) {
  Result<Expression> e = Expression::parse("batch_size * x.y / (batch_size + compute.latency)");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->references(), (std::vector<std::string>{"batch_size", "x.y", "compute.latency"}));
  EXPECT_DOUBLE_EQ(e->evaluate(std::vector<double>{2.0, 3.0, 4.0}), 2.0 * 3.0 / (2.0 + 4.0));
}

TEST(Expression, ChecksDimensions) {
  Result<Expression> e = Expression::parse("n * size / t");
  ASSERT_TRUE(e.ok());
  Result<Dimension> d = e->check(std::vector<Dimension>{Dimension{}, dims::bytes, dims::time});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, dims::byte_rate);

  Result<Expression> sum = Expression::parse("size + t");
  Result<Dimension> bad = sum->check(std::vector<Dimension>{dims::bytes, dims::time});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("cannot add"), std::string::npos) << bad.error().message;

  Result<Expression> m = Expression::parse("max(t, size)");
  EXPECT_FALSE(m->check(std::vector<Dimension>{dims::time, dims::bytes}).ok());
  EXPECT_TRUE(m->check(std::vector<Dimension>{dims::time, dims::time}).ok());
}

Dimension dimension_of(const std::string& text, std::vector<Dimension> dims = {}) {
  Result<Expression> e = Expression::parse(text);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  Result<Dimension> d = e->check(dims);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : Dimension{};
}

TEST(Expression, UnitLiteralsAreInBaseUnitsWithTheirDimension) {
  EXPECT_DOUBLE_EQ(eval("500 KB"), 500e3);
  EXPECT_DOUBLE_EQ(eval("3 GB/s"), 3e9);
  EXPECT_DOUBLE_EQ(eval("2 ms + 1 s"), 1.002);
  EXPECT_DOUBLE_EQ(eval("1 GiB"), 1073741824.0);
  EXPECT_DOUBLE_EQ(eval("19 TB/hour"), 19e12 / 3600);  // physics.md §1.1
  EXPECT_DOUBLE_EQ(eval("4µs"), 4e-6);
  EXPECT_EQ(dimension_of("3 GB/s"), dims::byte_rate);
  EXPECT_EQ(dimension_of("t * 1 GB/s", {dims::time}), dims::bytes);
  EXPECT_EQ(dimension_of("2 * 3"), Dimension{});
  Result<Expression> mixed = Expression::parse("1 s + 1 B");
  ASSERT_TRUE(mixed.ok());
  EXPECT_FALSE(mixed->check({}).ok()) << "a time plus a size";
}

TEST(Expression, PowerBindsTighterThanMinusAndToTheRight) {
  EXPECT_DOUBLE_EQ(eval("2 ^ 10"), 1024.0);
  EXPECT_DOUBLE_EQ(eval("-2^2"), -4.0);
  EXPECT_DOUBLE_EQ(eval("2^3^2"), 512.0);
  EXPECT_DOUBLE_EQ(eval("2 * 3^2"), 18.0);
  EXPECT_DOUBLE_EQ(eval("4^-0.5"), 0.5);
  EXPECT_DOUBLE_EQ(eval("(1 + 1)^(1 + 2)"), 8.0);
  EXPECT_DOUBLE_EQ(eval("x ^ y", {3.0, 2.0}), 9.0);  // plain numbers: any exponent
}

TEST(Expression, DimensionedPowersNeedAConstantIntegerExponent) {
  EXPECT_EQ(dimension_of("t^2", {dims::time}), dims::time * dims::time);
  EXPECT_EQ(dimension_of("(2 s)^-1"), dims::frequency);
  EXPECT_DOUBLE_EQ(eval("(2 s)^-1"), 0.5);
  EXPECT_EQ(dimension_of("1 GB/s^2"), dims::bytes / (dims::time * dims::time));
  for (const char* text : {"t^0.5", "t^n", "2^t", "t^100"}) {
    Result<Expression> e = Expression::parse(text);
    ASSERT_TRUE(e.ok()) << text;
    std::vector<Dimension> dims(e->references().size(), dims::time);
    if (e->references().size() == 2) dims[1] = Dimension{};
    EXPECT_FALSE(e->check(dims).ok()) << "accepted " << text;
  }
}

TEST(Expression, ComparisonsAndLogicGiveOneOrZero) {
  EXPECT_EQ(eval("1 < 2"), 1.0);
  EXPECT_EQ(eval("2 <= 1"), 0.0);
  EXPECT_EQ(eval("3 == 3 && 2 != 2"), 0.0);
  EXPECT_EQ(eval("3 == 3 || 2 != 2"), 1.0);
  EXPECT_EQ(eval("!0 && !(1 > 2)"), 1.0);
  EXPECT_EQ(eval("1 + 1 >= 2"), 1.0) << "arithmetic binds tighter than comparison";
  Result<Expression> filter = Expression::parse("feasible && latency <= 50 ms");
  ASSERT_TRUE(filter.ok());
  ASSERT_TRUE(filter->check(std::vector<Dimension>{Dimension{}, dims::time}).ok());
  EXPECT_EQ(filter->evaluate(std::vector<double>{1.0, 0.049}), 1.0);
  EXPECT_EQ(filter->evaluate(std::vector<double>{0.0, 0.049}), 0.0);
  EXPECT_EQ(filter->evaluate(std::vector<double>{1.0, 0.051}), 0.0);
  EXPECT_EQ(dimension_of("t <= 50 ms", {dims::time}), Dimension{});
  Result<Expression> mixed = Expression::parse("t <= 50 GB");
  ASSERT_TRUE(mixed.ok());
  EXPECT_FALSE(mixed->check(std::vector<Dimension>{dims::time}).ok()) << "a time against a size";
  Result<Expression> logic = Expression::parse("t && 1");
  EXPECT_FALSE(logic->check(std::vector<Dimension>{dims::time}).ok()) << "a time is not a condition";
}

TEST(Expression, RefusesMalformedText) {
  for (const char* text : {"", "   ", "1 +", "(1", "1)", "1 2", "* 3", "max(", "max(1,", "min()", "a.",
                           "a..b", "3 $ 4", "f(2)", ".", "1e", "((((", "a.1", "2 parsecs", "3 GB/",
                           "2 ^", "^ 2", "1e308 TB", "1 <", "&& 1", "1 & 2", "1 = 2"}) {
    Result<Expression> e = Expression::parse(text);
    EXPECT_FALSE(e.ok()) << "accepted '" << text << "'";
    if (!e.ok()) {
      EXPECT_FALSE(e.error().message.empty());
    }
  }
}

TEST(Expression, RefusesNestingBeyondItsStack) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "1 + (";
  deep += "1";
  for (int i = 0; i < 100; ++i) deep += ")";
  EXPECT_FALSE(Expression::parse(deep).ok());
  std::string wide = "max(";  // 100 arguments are live at once
  for (int i = 0; i < 100; ++i) wide += (i ? ", " : "") + std::to_string(i);
  EXPECT_FALSE(Expression::parse(wide + ")").ok());
}

}  // namespace
}  // namespace mlsysim
