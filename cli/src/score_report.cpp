#include "score_report.hpp"

#include <cmath>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "human.hpp"

namespace mlsysim::cli {
namespace {

constexpr const char* kSignConvention =
    "signed error = predicted / measured - 1: positive means the prediction is larger than the "
    "measurement (too optimistic for a throughput, too pessimistic for a latency)";
constexpr std::size_t kMismatchesShown = 5;

// "12.3%", and "1.2e+302%" rather than 300 digits; "n/a" for what is not a number.
std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  const double p = 100 * fraction;
  return std::fabs(p) < 1e6 ? fmt::format("{:.1f}%", p) : fmt::format("{:.3g}%", p);
}
std::string signed_percent(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  const double p = 100 * fraction;
  return std::fabs(p) < 1e6 ? fmt::format("{:+.1f}%", p) : fmt::format("{:+.3g}%", p);
}

// The summary of `scores` restricted to `category` ("all": every case).
ErrorSummary summary_of(const VariantScores& v, const std::string& category) {
  std::vector<CaseScore> subset;
  for (const CaseScore& s : v.scores)
    if (category == "all" || s.of->category == category) subset.push_back(s);
  return summarize(subset);
}

std::vector<std::string> row_categories(const VariantScores& v) {
  std::vector<std::string> out{"all"};
  for (const std::string& c : categories_of(v.cases)) out.push_back(c);
  return out;
}

Json summary_json(const ErrorSummary& s) {
  return {{"n", s.n},           {"failures", s.failures},     {"mape", s.mape},
          {"median_ape", s.median_ape}, {"bias", s.bias},     {"within_15", s.within_15},
          {"within_30", s.within_30},   {"worst_id", s.worst_id}, {"worst_ape", s.worst_ape}};
}

std::size_t matched_cases(const ReferenceScores& r) {
  return static_cast<std::size_t>(std::count_if(r.parity.begin(), r.parity.end(),
                                                [](const CaseParity& p) { return p.differences.empty(); }));
}

}  // namespace

std::vector<std::string> categories_of(const std::vector<MeasuredCase>& cases) {
  std::vector<std::string> out;
  for (const MeasuredCase& c : cases)
    if (std::find(out.begin(), out.end(), c.category) == out.end()) out.push_back(c.category);
  return out;
}

void ScoreReport::add_measured(std::string file, const std::vector<VariantScores>* scores) {
  measured_.emplace_back(std::move(file), scores);
}

void ScoreReport::add_reference(std::string file, std::vector<ReferenceScores> scores) {
  reference_.emplace_back(std::move(file), std::move(scores));
}

void ScoreReport::print() const {
  if (format_ == "json") print_json();
  else if (format_ == "csv") print_csv();
  else print_table();
}

void ScoreReport::print_table() const {
  for (const auto& [file, list] : measured_) {
    const std::vector<VariantScores>& variants = *list;
    note(fmt::format("{}: measured cases ({})\n", file, kSignConvention));
    const bool timed = !variants.empty() && variants.front().speed.has_value();
    std::vector<std::string> header{"variant", "category", "n", "failed", "MAPE", "median APE", "bias",
                                    "within 15%", "within 30%", "worst"};
    if (timed) header.push_back("ns/solve");
    Table table(header);
    for (const VariantScores& v : variants) {
      for (const std::string& category : row_categories(v)) {
        const ErrorSummary s = summary_of(v, category);
        auto fraction = [](double f, std::string text) { return Cell(Value(f), std::move(text)); };
        std::vector<Cell> row{v.variant->full_name(), category,
                              Value(static_cast<std::int64_t>(s.n)), Value(static_cast<std::int64_t>(s.failures)),
                              fraction(s.mape, percent(s.mape)), fraction(s.median_ape, percent(s.median_ape)),
                              fraction(s.bias, signed_percent(s.bias)), fraction(s.within_15, percent(s.within_15)),
                              fraction(s.within_30, percent(s.within_30)),
                              s.worst_id.empty() ? "-" : fmt::format("{} {}", s.worst_id, percent(s.worst_ape))};
        if (timed)
          row.push_back(category == "all" ? Cell(Value(v.speed->median_ns), fmt::format("{:.0f}", v.speed->median_ns))
                                          : Cell(Value()));
        table.add(std::move(row));
      }
    }
    fmt::print("{}", table.render());
    for (const VariantScores& v : variants)
      for (const CaseScore& s : v.scores)
        if (s.error)
          note(fmt::format("failed: {} ({}): {}\n", s.of->id, v.variant->full_name(), describe(*s.error)));
  }
  for (const auto& [file, solvers] : reference_) {
    note(fmt::format("{}: reference cases (parity with MLSys·im 0.1.0, 1e-9 relative)\n", file));
    Table table({"solver", "cases", "matched", "fields", "fields matched", "worst rel. difference"});
    for (const ReferenceScores& r : solvers) {
      std::size_t fields = 0, fields_matched = 0;
      double worst = 0;
      for (const CaseParity& p : r.parity) {
        fields += p.fields;
        fields_matched += p.fields_matched;
        worst = std::max(worst, p.worst_relative);
      }
      auto count = [](std::size_t n) { return Value(static_cast<std::int64_t>(n)); };
      table.add({r.solver, count(r.cases.size()), count(matched_cases(r)), count(fields),
                 count(fields_matched), Cell(Value(worst), fmt::format("{:.3g}", worst))});
    }
    fmt::print("{}", table.render());
    std::size_t shown = 0;
    for (const ReferenceScores& r : solvers)
      for (std::size_t i = 0; i < r.parity.size() && shown < kMismatchesShown; ++i)
        for (const std::string& d : r.parity[i].differences)
          if (shown++ < kMismatchesShown) fmt::print("mismatch: {} ({}): {}\n", r.cases[i], r.solver, d);
  }
}

void ScoreReport::print_csv() const {
  fmt::print("file,variant,category,n,failures,mape,median_ape,bias,within_15,within_30,worst_id,worst_ape,ns_per_solve\n");
  for (const auto& [file, variants] : measured_)
    for (const VariantScores& v : *variants)
      for (const std::string& category : row_categories(v)) {
        const ErrorSummary s = summary_of(v, category);
        fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", file, v.variant->full_name(), category, s.n,
                   s.failures, s.mape, s.median_ape, s.bias, s.within_15, s.within_30, s.worst_id,
                   s.worst_ape, v.speed && category == "all" ? fmt::format("{}", v.speed->median_ns) : "");
      }
  for (const auto& [file, solvers] : reference_)
    for (const ReferenceScores& r : solvers)
      fmt::print("{},{},parity,{},{},,,,,,,,\n", file, r.solver, r.cases.size(), r.cases.size() - matched_cases(r));
}

void ScoreReport::print_json() const {
  Json files = Json::array();
  for (const auto& [file, scored] : measured_) {
    const std::vector<VariantScores>& variants = *scored;
    Json out = {{"file", file}, {"kind", "measured"}, {"sign_convention", kSignConvention}};
    Json list = Json::array();
    for (const VariantScores& v : variants) {
      Json categories = Json::object();
      for (const std::string& c : categories_of(v.cases)) categories[c] = summary_json(summary_of(v, c));
      Json cases = Json::array();
      for (const CaseScore& s : v.scores) {
        Json c = {{"id", s.of->id}, {"category", s.of->category}, {"measured", s.of->measured.value},
                  {"unit", s.of->measured.dimension.unit_symbol()}};
        if (s.predicted) c["predicted"] = *s.predicted, c["signed_error"] = s.signed_error();
        else c["error"] = {{"code", to_string(s.error->code)}, {"field", s.error->field}, {"message", s.error->message}};
        cases.push_back(std::move(c));
      }
      Json entry = {{"variant", v.variant->full_name()}, {"summary", summary_json(summary_of(v, "all"))},
                    {"categories", categories}, {"cases", cases}};
      if (v.speed) entry["ns_per_solve"] = v.speed->median_ns;
      list.push_back(std::move(entry));
    }
    out["variants"] = std::move(list);
    files.push_back(std::move(out));
  }
  for (const auto& [file, solvers] : reference_) {
    Json list = Json::array();
    for (const ReferenceScores& r : solvers) {
      Json mismatches = Json::array();
      std::size_t fields = 0, fields_matched = 0;
      double worst = 0;
      for (std::size_t i = 0; i < r.parity.size(); ++i) {
        fields += r.parity[i].fields;
        fields_matched += r.parity[i].fields_matched;
        worst = std::max(worst, r.parity[i].worst_relative);
        if (!r.parity[i].differences.empty())
          mismatches.push_back({{"id", r.cases[i]}, {"differences", r.parity[i].differences}});
      }
      list.push_back({{"solver", r.solver}, {"cases", r.cases.size()}, {"matched", matched_cases(r)},
                      {"fields", fields}, {"fields_matched", fields_matched}, {"worst_relative", worst},
                      {"mismatches", mismatches}});
    }
    files.push_back({{"file", file}, {"kind", "reference"}, {"solvers", list}});
  }
  fmt::print("{}\n", files.dump(2));
}

}  // namespace mlsysim::cli
