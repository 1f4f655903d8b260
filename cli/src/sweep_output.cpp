#include "sweep_output.hpp"

#include "interrupt.hpp"

#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "human.hpp"
#include "terminal_text.hpp"
#include "solve_printer.hpp"
#include "streaming_table.hpp"
#include "mlsysim/registry/sweep_sinks.hpp"

namespace mlsysim::cli {
namespace {

constexpr char kCell = '\x1f';  // between cells of a formatted row

// Rows formatted on the worker threads as cells, laid out on the writing thread.
class TableSweepSink final : public TextSweepSink {
 public:
  TableSweepSink(const SweepEngine& engine, std::FILE* out, bool markdown)
      : TextSweepSink(engine, out), table_(column_names(engine), out, markdown) {}
  void format(const SweepRow& row, std::string& out) const override {
    const auto& axes = engine_.space().axes();
    for (std::size_t a = 0; a < axes.size(); ++a) {
      axes[a].append_label(row.position[a], out);
      out += kCell;
    }
    for (std::size_t c : engine_.columns()) (out += human(row.outputs.begin()[c].value)) += kCell;
    out += '\n';
  }
  void write(std::string_view text) override {
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::vector<std::string> cells;
      std::string_view line = text.substr(0, end);
      for (std::size_t at; (at = line.find(kCell)) != std::string_view::npos; line.remove_prefix(at + 1))
        cells.emplace_back(line.substr(0, at));
      text.remove_prefix(end + 1);
      table_.add(std::move(cells));
    }
  }
  void finish() { table_.finish(); }

 private:
  static std::vector<std::string> column_names(const SweepEngine& engine) {
    std::vector<std::string> out;
    for (const SweepAxis& a : engine.space().axes()) out.push_back(a.name());
    for (const std::string& c : engine.column_names()) out.push_back(c);
    return out;
  }
  StreamingTable table_;
};

}  // namespace

Result<std::vector<SweepAxis>> axes_from_overs(const Registry& registry, const SolverInfo& info,
                                               const std::vector<std::string>& overs) {
  std::vector<SweepAxis> axes;
  for (const std::string& over : overs) {
    Result<SweepAxis> axis = parse_sweep_axis(over, info, registry);
    if (!axis.ok()) return axis.error();
    axes.push_back(std::move(*axis));
  }
  return axes;
}

Result<SweepSearch> search_from_options(const std::string& where, std::size_t top, const std::string& by,
                                        bool ascending, const std::string& pareto) {
  SweepSearch s;
  s.where = where;
  s.top = top;
  s.by = by;
  s.descending = !ascending;
  if (top > 0 && by.empty()) return Error::bad_input("--by", "--top needs --by NAME");
  if (top == 0 && !by.empty()) return Error::bad_input("--top", "--by needs --top K");
  if (pareto.empty()) return s;
  if (top > 0) return Error::bad_input("--pareto", "--pareto and --top are alternatives");
  for (const std::string& objective : split_list(pareto)) {
    const std::size_t colon = objective.rfind(':');
    const std::string sense = colon == std::string::npos ? "" : objective.substr(colon + 1);
    if (sense != "min" && sense != "max")
      return Error::bad_input("--pareto", fmt::format("--pareto '{}': expected NAME:min or NAME:max", objective));
    s.pareto.emplace_back(objective.substr(0, colon), sense == "max");
  }
  return s;
}

std::string SweepDestination::open(const std::string& path) {
  if (path.empty()) return {};
  staged_ = std::make_unique<StagedFile>();
  return StagedFile::open(path, *staged_);
}

std::string SweepDestination::keep_partial() {
  if (!staged_) return "the output is incomplete";
  const std::string where = staged_->partial_path().string();
  const std::string error = staged_->keep_partial();
  return error.empty() ? fmt::format("the rows so far are in '{}'", where) : error;
}

std::unique_ptr<TextSweepSink> make_sweep_sink(Environment& env, const SweepEngine& engine, std::FILE* destination) {
  const std::string& format = env.output();
  if (format == "csv") return std::make_unique<CsvSweepSink>(engine, destination);
  if (format == "jsonl") return std::make_unique<JsonLinesSweepSink>(engine, destination);
  if (format == "json") return std::make_unique<JsonSweepSink>(engine, destination);
  return std::make_unique<TableSweepSink>(engine, destination, format == "markdown");
}

int report_row_errors(const std::vector<SweepError>& errors, const std::string& who) {
  constexpr std::size_t kShown = 5;  // a space of mostly refused splits can have hundreds of distinct errors
  int code = kOk;
  std::uint64_t more_rows = 0;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const SweepError& e = errors[i];
    code = std::max(code, exit_code_for(e.error));
    if (i < kShown)
      fmt::print(stderr, "mlsysim: error: {}{} row(s) failed, the first at {}: {}\n", who, e.count,
                 e.first_combination, describe(e.error));
    else
      more_rows += e.count;
  }
  if (errors.size() > kShown)
    fmt::print(stderr, "mlsysim: error: {}and {} more distinct error(s) in {} more row(s)\n", who,
               errors.size() - kShown, more_rows);
  return code;
}

void report_row_remarks(const std::vector<SweepWarning>& remarks, std::uint64_t rows, const std::string& who,
                        std::string_view kind) {
  constexpr std::size_t kShown = 5;  // messages that quote each row's numbers are all distinct
  std::uint64_t more_rows = 0;
  for (std::size_t i = 0; i < remarks.size(); ++i) {
    const SweepWarning& w = remarks[i];
    if (i < kShown)
      std::fputs(remark_line(kind, fmt::format("{}{} of {} row(s), the first at {}: {}", who, w.count, rows,
                                               w.first_combination, w.message)).c_str(), stderr);
    else
      more_rows += w.count;
  }
  if (remarks.size() > kShown)
    std::fputs(remark_line(kind, fmt::format("{0}and {1} more distinct {2}(s) on {3} more row(s) (in the {2}s "
                                             "column of -o csv, jsonl or json)", who, remarks.size() - kShown, kind,
                                             more_rows)).c_str(), stderr);
}

void report_row_warnings(const SweepStats& stats, const std::string& who) {
  report_row_remarks(stats.warnings, stats.kept, who, "warning");
  report_row_remarks(stats.notes, stats.kept, who, "note");
}

int finish_sweep(TextSweepSink& sink, SweepDestination& destination, const SweepStats& stats, bool last_piece,
                 const std::string& who) {
  if (auto* table = dynamic_cast<TableSweepSink*>(&sink)) table->finish();
  if (stats.stopped) {  // no footer: a JSON document stays visibly unfinished
    std::fflush(destination.stream());
    fmt::print(stderr, "mlsysim: {}interrupted after {} row(s): {}\n", who, stats.kept, destination.keep_partial());
    return kInterrupted;
  }
  if (last_piece) sink.write(sink.footer());
  std::fflush(destination.stream());
  report_row_warnings(stats, who);
  const int code = report_row_errors(stats.errors, who);
  const bool written = sink.ok() && !std::ferror(destination.stream());
  if (const std::string error = destination.commit(); !error.empty()) {  // a file's failed write fails here
    fmt::print(stderr, "mlsysim: error: --file: {}\n", error);
    return kBadInput;
  }
  return written ? code : kBadInput;  // stdout: main() says why
}

int write_sweep(Environment& env, const SweepEngine& engine, const SweepOptions& options, bool first_piece,
                bool last_piece, const std::string& file) {
  SweepDestination destination;
  if (const std::string error = destination.open(file); !error.empty())
    return env.fail(Error::bad_input("--file", error));
  std::unique_ptr<TextSweepSink> sink = make_sweep_sink(env, engine, destination.stream());
  if (first_piece) sink->write(sink->header());
  const InterruptGuard interrupt;
  SweepOptions stoppable = options;
  stoppable.should_stop = [] { return InterruptGuard::raised(); };
  const SweepStats stats = engine.run(*sink, stoppable);
  return finish_sweep(*sink, destination, stats, last_piece);
}

}  // namespace mlsysim::cli
