// Sweep axes with search options, as `mlsysim sweep roofline` reads them:
// each line is an axis (name=values: a list, a range a..b[:*k|:+k], '*'),
// or a search option (where: EXPR, top: K, by: NAME, pareto: NAME:min,...).
// A checked space runs at most 64 rows into a sink that discards them.
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_registry.hpp"
#include "mlsysim/registry/sweep.hpp"
#include "mlsysim/registry/sweep_target.hpp"

namespace {

class Discard final : public mlsysim::SweepSink {
 public:
  void format(const mlsysim::SweepRow&, std::string& out) const override { out += '.'; }
  void write(std::string_view) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlsysim;
  const Registry& registry = fuzz_registry();
  const SolverHandle* roofline = registry.find_solver("roofline");
  if (roofline == nullptr) return 0;
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<SweepAxis> axes;
  SweepSearch search;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("where:")) search.where = line.substr(6);
    else if (line.starts_with("top:")) search.top = std::strtoull(line.c_str() + 4, nullptr, 10) % 1000;
    else if (line.starts_with("by:")) search.by = line.substr(3);
    else if (line.starts_with("pareto:") && line.size() > 7) search.pareto.emplace_back(line.substr(7), line.size() % 2);
    else if (Result<SweepAxis> axis = parse_sweep_axis(line, roofline->info(), registry); axis.ok())
      axes.push_back(std::move(*axis));
  }
  const SolverTarget target(registry, *roofline, Record{{"model", Value(std::string("GPT2"))},
                                                        {"hardware", Value(std::string("A100"))}});
  SweepSpace space(std::move(axes));
  Result<SweepEngine> engine = SweepEngine::create(target, std::move(space), search, {});
  if (!engine.ok()) return 0;
  SweepOptions options;
  options.end = 64;
  Discard sink;
  (void)engine->run(sink, options);
  return 0;
}
