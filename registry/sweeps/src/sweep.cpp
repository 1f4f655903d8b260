#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/registry/sweep.hpp"
#include "mlsysim/framework/magnitude.hpp"
#include "sweep_search.hpp"

#include <algorithm>
#include <barrier>
#include <cmath>
#include <deque>
#include <exception>
#include <functional>
#include <thread>

#include <fmt/format.h>


namespace mlsysim {
namespace {

using sweep_search::offer_pareto;
using sweep_search::offer_top;

bool numeric_kind(ValueKind k) {
  return k == ValueKind::kQuantity || k == ValueKind::kNumber || k == ValueKind::kInteger ||
         k == ValueKind::kBoolean;
}

Dimension dimension_of(const PortInfo& p) { return p.kind == ValueKind::kQuantity ? p.dimension : Dimension{}; }

// Counts a written row's warnings into `into`, each message once.
void note_warnings(std::span<const std::string> raised, const std::function<std::string()>& where,
                   std::vector<SweepWarning>& into) {
  for (const std::string& message : raised) {
    auto same = std::find_if(into.begin(), into.end(), [&](const SweepWarning& w) { return w.message == message; });
    if (same == into.end()) same = into.insert(into.end(), {message, where(), 0});
    ++same->count;
  }
}

void merge_warnings(std::vector<SweepWarning>& from, std::vector<SweepWarning>& into) {
  for (SweepWarning& w : from) {
    auto same = std::find_if(into.begin(), into.end(), [&](const SweepWarning& s) { return s.message == w.message; });
    if (same == into.end()) into.push_back(std::move(w));
    else same->count += w.count;
  }
  from.clear();
}

}  // namespace

SweepSink::~SweepSink() = default;

// Aligned, and its buffers allocated by its own thread (process()), so two
// workers never write to one cache line.
struct alignas(128) SweepEngine::Worker {
  std::unique_ptr<SweepTarget::Runner> runner;  // made on the worker's own thread
  Record outputs;
  std::vector<std::uint64_t> position;
  std::vector<double> scratch, keys;
  std::vector<SweepCandidate> candidates;  // this worker's top K or Pareto front
  std::vector<SweepError> errors;          // distinct errors of the current round
  std::vector<SweepWarning> warnings;      // distinct warnings of the rows written this round
  std::vector<SweepWarning> notes;         // and notes
};

struct SweepEngine::Chunk {
  SweepIndex begin = 0, end = 0;
  std::string text;
  std::uint64_t solved = 0, kept = 0;
};

Result<SweepEngine> SweepEngine::create(const SweepTarget& target, SweepSpace space, SweepSearch search,
                                        std::vector<std::string> columns) {
  SweepEngine e;
  e.target_ = &target;
  e.space_ = std::move(space);
  e.search_ = std::move(search);
  if (Status s = target.check(e.space_); !s.ok()) return s.error();
  const std::vector<PortInfo>& outputs = target.outputs();
  auto output_position = [&](const std::string& name, const char* option) -> Result<std::size_t> {
    for (std::size_t i = 0; i < outputs.size(); ++i)
      if (outputs[i].name.view() == name) return i;
    std::string names;
    std::vector<std::string> candidates;
    for (const PortInfo& p : outputs) {
      names += (names.empty() ? "" : ", ") + p.name.str();
      candidates.push_back(p.name.str());
    }
    return Error::bad_input(option, fmt::format("{}: there is no output '{}'{} (the outputs: {})", option, name,
                                                did_you_mean(name, candidates), names));
  };
  e.warnings_column_ = columns.empty() && !target.columns_chosen();
  if (columns.empty())
    for (const PortInfo& p : outputs) columns.push_back(p.name.str());
  for (const std::string& c : columns) {
    if ((c == kWarningsColumn || c == kNotesColumn) && !output_position(c, "--columns").ok()) {
      e.warnings_column_ = true;
      continue;
    }
    Result<std::size_t> pos = output_position(c, "--columns");
    if (!pos.ok()) return pos.error();
    e.columns_.push_back(*pos);
    e.column_names_.push_back(c);
  }
  // A ranking key: a numeric output, or a numeric axis (rank by the value swept).
  const auto& axes = e.space_.axes();
  auto key = [&](const std::string& name, const char* option) -> Status {
    const auto axis = std::find_if(axes.begin(), axes.end(), [&](const SweepAxis& a) { return a.name() == name; });
    if (axis != axes.end() && std::none_of(outputs.begin(), outputs.end(),
                                           [&](const PortInfo& p) { return p.name.view() == name; })) {
      if (axis->size() == 0 || !magnitude(axis->value(0)))
        return Error::bad_input(option, fmt::format("{}: axis '{}' is not a number", option, name));
      e.keys_.push_back({Operand::Kind::kAxis, static_cast<std::size_t>(axis - axes.begin()), 0});
      return {};
    }
    Result<std::size_t> pos = output_position(name, option);
    if (!pos.ok()) return pos.error();
    if (!numeric_kind(outputs[*pos].kind))
      return Error::bad_input(option, fmt::format("{}: output '{}' is not a number", option, name));
    e.keys_.push_back({Operand::Kind::kOutput, *pos, 0});
    return {};
  };
  if (e.search_.top > 0) {
    if (Status s = key(e.search_.by, "--by"); !s.ok()) return s.error();
    e.maximise_.push_back(e.search_.descending);
  }
  for (const auto& [name, maximise] : e.search_.pareto) {
    if (Status s = key(name, "--pareto"); !s.ok()) return s.error();
    e.maximise_.push_back(maximise);
  }
  if (e.search_.where.empty()) return e;

  Result<Expression> where = Expression::parse(e.search_.where);
  if (!where.ok()) return Error::bad_input("--where", where.error().message);
  std::vector<Dimension> dims;
  for (const std::string& name : where->references()) {
    Operand op;
    const auto out = std::find_if(outputs.begin(), outputs.end(), [&](const PortInfo& p) { return p.name.view() == name; });
    const auto axis = std::find_if(axes.begin(), axes.end(), [&](const SweepAxis& a) { return a.name() == name; });
    if (out != outputs.end() && numeric_kind(out->kind)) {
      op.kind = Operand::Kind::kOutput;
      op.slot = static_cast<std::size_t>(out - outputs.begin());
      dims.push_back(dimension_of(*out));
    } else if (axis != axes.end()) {
      op.kind = Operand::Kind::kAxis;
      op.slot = static_cast<std::size_t>(axis - axes.begin());
      dims.push_back(target.axis_dimension(*axis));
    } else if (std::optional<Quantity> c = target.constant(name)) {
      op.constant = c->value;
      dims.push_back(c->dimension);
    } else {
      std::vector<std::string> known;
      for (const PortInfo& p : outputs)
        if (numeric_kind(p.kind)) known.push_back(p.name.str());
      for (const SweepAxis& a : axes) known.push_back(a.name());
      return Error::bad_input("--where", fmt::format("--where '{}': '{}' is neither a numeric output, an axis nor "
                                                     "an input with a value{}", e.search_.where, name,
                                                     did_you_mean(name, known)));
    }
    e.where_operands_.push_back(op);
  }
  Result<Dimension> dim = where->check(dims);
  if (!dim.ok()) return Error::bad_input("--where", dim.error().message);
  if (!dim->dimensionless())
    return Error::bad_input("--where", fmt::format("--where '{}' is a {}, not a condition", e.search_.where,
                                                   dim->description()));
  e.where_ = std::move(*where);
  return e;
}

double SweepEngine::operand(const Operand& op, const Record& outputs, std::span<const std::uint64_t> position) const {
  switch (op.kind) {
    case Operand::Kind::kOutput: return magnitude(outputs.begin()[op.slot].value).value_or(NAN);
    case Operand::Kind::kAxis: return magnitude(space_.axes()[op.slot].value(position[op.slot])).value_or(NAN);
    case Operand::Kind::kConstant: return op.constant;
  }
  return NAN;
}

bool SweepEngine::keep(const Record& outputs, std::span<const std::uint64_t> position,
                       std::vector<double>& scratch) const {
  if (!where_) return true;
  scratch.clear();
  for (const Operand& op : where_operands_) {
    const double v = operand(op, outputs, position);
    if (std::isnan(v) && op.kind == Operand::Kind::kOutput) return false;  // a null output fails the condition
    scratch.push_back(v);
  }
  const double r = where_->evaluate(scratch);
  return r != 0 && !std::isnan(r);
}

void SweepEngine::keys(const Record& outputs, std::span<const std::uint64_t> position, std::vector<double>& out) const {
  out.clear();
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const double v = operand(keys_[i], outputs, position);
    out.push_back(maximise_[i] ? -v : v);
  }
}

void SweepEngine::process(Worker& w, Chunk& chunk, const SweepSink* sink) const {
  const auto& axes = space_.axes();
  if (!w.runner) {
    w.runner = target_->runner(space_);
    w.position.assign(axes.size(), 0);
  }
  space_.position(chunk.begin, w.position);
  for (SweepIndex index = chunk.begin; index < chunk.end; ++index) {
    if (index != chunk.begin) {  // odometer step, last axis fastest
      for (std::size_t a = axes.size(); a-- > 0;) {
        if (++w.position[a] < axes[a].size()) break;
        w.position[a] = 0;
      }
    }
    Status status;
    try {
      status = w.runner->run(w.position, w.outputs);
    } catch (const std::exception& ex) {
      status = Error::internal(ex.what());
    }
    ++chunk.solved;
    if (!status.ok()) {
      const Error& err = status.error();
      auto same = std::find_if(w.errors.begin(), w.errors.end(), [&](const SweepError& e) {
        return e.error.message == err.message && e.error.field == err.field;
      });
      if (same == w.errors.end()) same = w.errors.insert(w.errors.end(), {err, space_.describe(w.position), 0});
      ++same->count;
      continue;
    }
    if (!keep(w.outputs, w.position, w.scratch)) continue;
    if (sink != nullptr) {
      const std::span<const std::string> warnings = w.runner->warnings(), notes = w.runner->notes();
      sink->format(SweepRow{index, w.position, w.outputs, warnings, notes}, chunk.text);
      if (!warnings.empty()) note_warnings(warnings, [&] { return space_.describe(w.position); }, w.warnings);
      if (!notes.empty()) note_warnings(notes, [&] { return space_.describe(w.position); }, w.notes);
      ++chunk.kept;
      continue;
    }
    keys(w.outputs, w.position, w.keys);
    if (std::any_of(w.keys.begin(), w.keys.end(), [](double k) { return std::isnan(k); })) continue;
    if (search_.top > 0) offer_top(w.candidates, {index, w.keys}, search_.top);
    else offer_pareto(w.candidates, {index, w.keys});
  }
}

std::size_t max_sweep_jobs() {
  return std::max<std::size_t>(8, 4 * static_cast<std::size_t>(std::thread::hardware_concurrency()));
}

Result<std::size_t> sweep_jobs(std::int64_t requested, std::string_view field) {
  const std::size_t limit = max_sweep_jobs();
  if (requested < 0 || static_cast<std::uint64_t>(requested) > limit)
    return Error::bad_input(std::string(field), fmt::format("{} = {}: expected 0 (one thread per core) to {} "
                                                            "threads", field, requested, limit));
  if (requested == 0) return std::max<std::size_t>(1, std::thread::hardware_concurrency());
  return static_cast<std::size_t>(requested);
}

void SweepEngine::for_each_chunk(const SweepOptions& options, SweepStats& stats,
                                 const std::function<void(Chunk&)>& done, const SweepSink* sink,
                                 std::deque<Worker>& workers) const {
  const SweepIndex size = space_.size().value_or(0);
  const SweepIndex first = std::min(options.begin, size), last = std::min(options.end, size);
  const std::size_t jobs = std::clamp<std::size_t>(options.jobs, 1, max_sweep_jobs());
  for (std::size_t i = 0; i < jobs; ++i) workers.emplace_back();
  struct alignas(128) PaddedChunk : Chunk {};
  std::vector<PaddedChunk> chunks(jobs);
  // Persistent threads, two barriers a round: the calling thread hands out
  // the round's chunks (and is worker 0), then writes them in order.
  std::barrier start(static_cast<std::ptrdiff_t>(jobs)), finish(static_cast<std::ptrdiff_t>(jobs));
  bool stop = false;
  std::vector<std::jthread> threads;
  for (std::size_t i = 1; i < jobs; ++i)
    threads.emplace_back([&, i] {
      while (true) {
        start.arrive_and_wait();
        if (stop) return;
        process(workers[i], chunks[i], sink);
        finish.arrive_and_wait();
      }
    });
  const std::size_t rows = searching() && sink == nullptr ? options.chunk_rows * 16 : options.chunk_rows;
  for (SweepIndex begin = first; begin < last;) {
    for (std::size_t i = 0; i < jobs; ++i) {
      chunks[i].begin = std::min(last, begin + i * rows);
      chunks[i].end = std::min(last, chunks[i].begin + rows);
      chunks[i].text.clear();
      chunks[i].solved = chunks[i].kept = 0;
    }
    start.arrive_and_wait();
    process(workers[0], chunks[0], sink);
    finish.arrive_and_wait();
    for (Chunk& c : chunks) {
      done(c);
      stats.solved += c.solved;
      stats.kept += c.kept;
    }
    for (Worker& w : workers) {
      for (SweepError& e : w.errors) {
        auto same = std::find_if(stats.errors.begin(), stats.errors.end(), [&](const SweepError& s) {
          return s.error.message == e.error.message && s.error.field == e.error.field;
        });
        if (same == stats.errors.end()) stats.errors.push_back(std::move(e));
        else same->count += e.count;
      }
      w.errors.clear();
      merge_warnings(w.warnings, stats.warnings);  // workers in order: the first row's combination wins
      merge_warnings(w.notes, stats.notes);
    }
    begin = chunks.back().end;
    if (options.progress) options.progress(begin - first, last - first);
    if (begin < last && options.should_stop && options.should_stop()) {
      stats.stopped = true;
      break;
    }
  }
  stop = true;
  start.arrive_and_wait();
}

SweepStats SweepEngine::run(SweepSink& sink, const SweepOptions& options) const {
  SweepStats stats;
  if (searching()) {
    const std::vector<SweepCandidate> kept = candidates(options, stats);
    if (stats.stopped) return stats;  // a partial search would rank the wrong rows
    stats.kept = write_rows(kept, sink, &stats.warnings, &stats.notes);
    return stats;
  }
  std::deque<Worker> workers;
  for_each_chunk(options, stats, [&](Chunk& c) { sink.write(c.text); }, &sink, workers);
  return stats;
}

std::vector<SweepCandidate> SweepEngine::candidates(const SweepOptions& options, SweepStats& stats) const {
  std::deque<Worker> workers;
  for_each_chunk(options, stats, [](Chunk&) {}, nullptr, workers);
  std::vector<SweepCandidate> all;
  for (Worker& w : workers) all.insert(all.end(), w.candidates.begin(), w.candidates.end());
  return select(std::move(all));
}

std::vector<SweepCandidate> SweepEngine::select(std::vector<SweepCandidate> all) const {
  return sweep_search::select_candidates(std::move(all), search_.top);
}

std::uint64_t SweepEngine::write_rows(std::span<const SweepCandidate> rows, SweepSink& sink,
                                      std::vector<SweepWarning>* warnings, std::vector<SweepWarning>* notes) const {
  std::unique_ptr<SweepTarget::Runner> runner = target_->runner(space_);
  std::vector<std::uint64_t> position(space_.axes().size(), 0);
  Record outputs;
  std::string text;
  std::uint64_t written = 0;
  for (const SweepCandidate& c : rows) {
    space_.position(c.index, position);
    if (!runner->run(position, outputs).ok()) continue;
    text.clear();
    sink.format(SweepRow{c.index, position, outputs, runner->warnings(), runner->notes()}, text);
    sink.write(text);
    if (warnings != nullptr)
      note_warnings(runner->warnings(), [&] { return space_.describe(position); }, *warnings);
    if (notes != nullptr) note_warnings(runner->notes(), [&] { return space_.describe(position); }, *notes);
    ++written;
  }
  return written;
}

}  // namespace mlsysim
