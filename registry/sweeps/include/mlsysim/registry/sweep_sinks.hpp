// Sinks that stream sweep rows as text to a FILE: CSV (one header row, the
// axis columns first, holding the values as given or the zoo ids a `*`
// expanded to, then the chosen outputs as plain numbers in base units,
// true/false for booleans, and last `warnings`, the row's warnings joined
// by "; "), JSON lines ({"inputs", "outputs", "warnings"} per row, as
// `mlsysim run` writes values) and JSON (a list of those objects). The
// warnings are left out when the engine's columns were chosen without them.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/registry/sweep.hpp"

namespace mlsysim {

class MLSYSIM_API TextSweepSink : public SweepSink {
 public:
  TextSweepSink(const SweepEngine& engine, std::FILE* out) : engine_(engine), out_(out) {}
  void write(std::string_view text) override;
  // The text before the first row and after the last (a CSV header, JSON brackets).
  virtual std::string header() const { return {}; }
  virtual std::string footer() const { return {}; }
  // Whether every write reached the file (a full disk or a closed pipe fails it).
  bool ok() const { return ok_; }

 protected:
  const SweepEngine& engine_;

 private:
  std::FILE* out_;
  bool ok_ = true;
};

class MLSYSIM_API CsvSweepSink final : public TextSweepSink {
 public:
  using TextSweepSink::TextSweepSink;
  std::string header() const override;
  void format(const SweepRow& row, std::string& out) const override;
};

class MLSYSIM_API JsonLinesSweepSink : public TextSweepSink {
 public:
  using TextSweepSink::TextSweepSink;
  void format(const SweepRow& row, std::string& out) const override;
};

// A JSON list: rows after the first of the whole space are preceded by a
// comma, so the pieces of a sweep split by index still join into one list.
class MLSYSIM_API JsonSweepSink final : public JsonLinesSweepSink {
 public:
  using JsonLinesSweepSink::JsonLinesSweepSink;
  std::string header() const override { return "["; }
  std::string footer() const override { return "\n]\n"; }
  void format(const SweepRow& row, std::string& out) const override;
  void write(std::string_view text) override;

 private:
  bool first_ = true;
};

}  // namespace mlsysim
