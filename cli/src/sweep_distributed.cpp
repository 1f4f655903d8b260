#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "interrupt.hpp"
#include "sweep_output.hpp"

namespace mlsysim::cli {
namespace {

// Formats as the real sink does; sends the text to rank 0 instead of writing it.
class ForwardingSink final : public SweepSink {
 public:
  ForwardingSink(const SweepSink& formatter, MessageChannel& channel) : formatter_(formatter), channel_(channel) {}
  void format(const SweepRow& row, std::string& out) const override { formatter_.format(row, out); }
  void write(std::string_view text) override {
    if (!text.empty()) channel_.send(0, text);
  }

 private:
  const SweepSink& formatter_;
  MessageChannel& channel_;
};

std::string serialize(const std::vector<SweepCandidate>& candidates) {
  std::string out;
  auto put = [&](const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); };
  for (const SweepCandidate& c : candidates) {
    const std::uint64_t keys = c.keys.size();
    put(&c.index, sizeof c.index);
    put(&keys, sizeof keys);
    put(c.keys.data(), keys * sizeof(double));
  }
  return out;
}

std::vector<SweepCandidate> deserialize(const std::string& bytes) {
  std::vector<SweepCandidate> out;
  std::size_t at = 0;
  auto get = [&](void* p, std::size_t n) {
    std::memcpy(p, bytes.data() + at, n);
    at += n;
  };
  while (at + sizeof(SweepIndex) + sizeof(std::uint64_t) <= bytes.size()) {
    SweepCandidate c;
    std::uint64_t keys = 0;
    get(&c.index, sizeof c.index);
    get(&keys, sizeof keys);
    c.keys.resize(keys);
    get(c.keys.data(), keys * sizeof(double));
    out.push_back(std::move(c));
  }
  return out;
}

// A rank other than 0: solves its piece and sends rank 0 its rows (listing)
// or its candidates (search); reports its errors on stderr.
int send_piece(const SweepEngine& engine, const SweepOptions& options, MessageChannel& channel,
               const std::string& who, const TextSweepSink& formatter) {
  SweepStats stats;
  if (engine.searching()) {
    channel.send(0, serialize(engine.candidates(options, stats)));
  } else {
    ForwardingSink forward(formatter, channel);
    stats = engine.run(forward, options);
    channel.send(0, "");  // the end of this rank's rows, then how many there were
    channel.send(0, std::string_view(reinterpret_cast<const char*>(&stats.kept), sizeof stats.kept));
  }
  report_row_warnings(stats, who);
  return report_row_errors(stats.errors, who);
}

// Rank 0: its own piece, then every other rank's, into `sink` (or, with no
// sink, received and dropped so that no rank waits forever).
SweepStats gather_pieces(const SweepEngine& engine, const SweepOptions& options, MessageChannel& channel,
                         TextSweepSink* sink) {
  SweepStats stats;
  const int ranks = channel.size();
  if (engine.searching()) {
    std::vector<SweepCandidate> kept = sink ? engine.candidates(options, stats) : std::vector<SweepCandidate>{};
    for (int r = 1; r < ranks; ++r)
      for (SweepCandidate& c : deserialize(channel.receive(r))) kept.push_back(std::move(c));
    if (sink == nullptr) return stats;
    sink->write(sink->header());
    stats.kept = engine.write_rows(engine.select(std::move(kept)), *sink, &stats.warnings, &stats.notes);
    return stats;
  }
  if (sink != nullptr) {
    sink->write(sink->header());
    stats = engine.run(*sink, options);
  }
  for (int r = 1; r < ranks; ++r) {
    for (std::string text; !(text = channel.receive(r)).empty();)
      if (sink != nullptr) sink->write(text);
    decltype(stats.kept) theirs = 0;
    const std::string count = channel.receive(r);
    std::memcpy(&theirs, count.data(), std::min(count.size(), sizeof theirs));
    stats.kept += theirs;
  }
  return stats;
}

}  // namespace

int write_sweep_distributed(Environment& env, const SweepEngine& engine, SweepOptions options,
                            MessageChannel& channel, const std::string& file) {
  const auto rank = static_cast<std::uint64_t>(channel.rank()), ranks = static_cast<std::uint64_t>(channel.size());
  const SweepIndex size = engine.space().size().value_or(0);
  auto bound = [&](std::uint64_t r) { return size / ranks * r + size % ranks * r / ranks; };
  options.begin = bound(rank);
  options.end = bound(rank + 1);
  options.progress = nullptr;  // one terminal, many ranks
  // mpirun passes Ctrl-C on as SIGTERM to every rank: each stops at its next
  // chunk, and rank 0 keeps what arrived as PATH.partial.
  const InterruptGuard interrupt;
  options.should_stop = [] { return InterruptGuard::raised(); };
  const std::string who = fmt::format("rank {}: ", rank);
  SweepDestination destination;  // rank 0 writes it
  const std::string error = rank == 0 ? destination.open(file) : std::string();
  std::unique_ptr<TextSweepSink> sink = make_sweep_sink(env, engine, destination.stream());
  if (rank != 0) return send_piece(engine, options, channel, who, *sink);
  if (!error.empty()) {
    const int code = env.fail(Error::bad_input("--file", error));
    gather_pieces(engine, options, channel, nullptr);  // the other ranks still send
    return code;
  }
  SweepStats stats = gather_pieces(engine, options, channel, sink.get());
  stats.stopped = stats.stopped || InterruptGuard::raised();
  return finish_sweep(*sink, destination, stats, true, who);
}

}  // namespace mlsysim::cli
