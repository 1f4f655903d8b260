#include <cstring>

#include <fmt/format.h>

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

}  // namespace

int write_sweep_distributed(Environment& env, const SweepEngine& engine, SweepOptions options,
                            MessageChannel& channel) {
  const auto rank = static_cast<std::uint64_t>(channel.rank()), ranks = static_cast<std::uint64_t>(channel.size());
  const SweepIndex size = engine.space().size().value_or(0);
  auto bound = [&](std::uint64_t r) { return size / ranks * r + size % ranks * r / ranks; };
  options.begin = bound(rank);
  options.end = bound(rank + 1);
  options.progress = nullptr;  // one terminal, many ranks
  const std::string who = fmt::format("rank {}: ", rank);
  std::unique_ptr<TextSweepSink> sink = make_sweep_sink(env, engine);
  SweepStats stats;
  if (engine.searching()) {
    std::vector<SweepCandidate> kept = engine.candidates(options, stats);
    if (rank != 0) {
      channel.send(0, serialize(kept));
    } else {
      for (std::uint64_t r = 1; r < ranks; ++r)
        for (SweepCandidate& c : deserialize(channel.receive(static_cast<int>(r)))) kept.push_back(std::move(c));
      sink->write(sink->header());
      stats.kept = engine.write_rows(engine.select(std::move(kept)), *sink);
    }
  } else if (rank != 0) {
    ForwardingSink forward(*sink, channel);
    stats = engine.run(forward, options);
    channel.send(0, "");  // the end of this rank's rows
  } else {
    sink->write(sink->header());
    stats = engine.run(*sink, options);
    for (std::uint64_t r = 1; r < ranks; ++r)
      for (std::string text; !(text = channel.receive(static_cast<int>(r))).empty();) sink->write(text);
  }
  if (rank != 0) {  // nothing on stdout; errors on stderr
    for (const SweepError& e : stats.errors)
      fmt::print(stderr, "mlsysim: error: {}{} row(s) failed, the first at {}: {}\n", who, e.count,
                 e.first_combination, describe(e.error));
    return stats.errors.empty() ? kOk : kBadInput;
  }
  return finish_sweep(env, *sink, stats, true, who);
}

}  // namespace mlsysim::cli
