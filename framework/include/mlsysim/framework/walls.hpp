// The walls: MLSys·im's taxonomy of 22 limits a system runs into, in six
// domains (node, data, algorithm, fleet, operations, analysis). A contract
// names the walls it models (Contract::describe), so a user's contract can
// model one too; `mlsysim walls` lists the taxonomy with the contracts that
// model each wall.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

struct Wall {
  int number;                     // 1 .. 22
  std::string_view name;          // "Memory"
  std::string_view domain;        // "node"
  std::string_view mlsysim_class; // MLSys·im 0.1.0's resolver: "SingleNodeModel"
  std::string_view constraint;    // one sentence: what limits what
};

// The 22 walls in order.
MLSYSIM_API std::span<const Wall> walls();
// Wall `number`, or nullptr outside 1 .. 22.
MLSYSIM_API const Wall* find_wall(int number);
// The six domains in order: node, data, algorithm, fleet, operations, analysis.
MLSYSIM_API std::span<const std::string_view> wall_domains();

}  // namespace mlsysim
