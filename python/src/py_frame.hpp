// ColumnSink: collects sweep rows into typed columns (numbers, integers,
// booleans, categorical strings) that become numpy arrays, and from them a
// pandas DataFrame, with no Python call per row. Worker threads encode rows
// as compact binary; the writer thread appends them to the columns.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <pybind11/pybind11.h>

#include "mlsysim/registry/sweep.hpp"

namespace mlsysim::python {

class ColumnSink final : public SweepSink {
 public:
  // Axis columns first (as the space's axes), then the engine's columns,
  // then `warnings` (each row's, joined by "; ") unless the columns were
  // chosen without it.
  ColumnSink(const SweepSpace& space, const SweepEngine& engine, const SweepTarget& target);

  void format(const SweepRow& row, std::string& out) const override;
  void write(std::string_view text) override;

  // [(name, kind, data, categories or None, unit)]: data is a numpy array;
  // kind is "float", "int", "bool" or "category" (int32 codes).
  pybind11::list columns() const;

 private:
  enum class Kind : std::uint8_t { kFloat, kInt, kBool, kCategory };
  struct Column {
    std::string name;
    Kind kind = Kind::kCategory;
    std::string unit;
    std::vector<double> floats;
    std::vector<std::int64_t> ints;
    std::vector<std::uint8_t> bools;
    std::vector<std::int32_t> codes;
    std::vector<std::string> categories;
    std::unordered_map<std::string, std::int32_t> code_of;
    bool has_null = false;
  };
  void append_text(Column& c, std::string_view text);

  const SweepSpace& space_;
  std::vector<std::size_t> outputs_;  // output positions, as the engine's columns
  bool warnings_column_;
  std::vector<Column> columns_;       // axes, then outputs
};

}  // namespace mlsysim::python
