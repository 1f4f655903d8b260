// NestedOutputs<D>: every output of contract D, declared in another
// contract under a prefix ("node_profile.latency", "node_profile.feasible",
// ...), for a result that carries a whole nested result (distributed's
// roofline profile of one node). Each is an ordinary output: users read it
// by its dotted name in columns, --where and pipelines, and JSON writes the
// group as one nested object. An implementation fills the group from a
// bound call to D with Call::set(nested, bound).
//
//   const NestedOutputs<contracts::Roofline> node_profile{c, "node_profile", "the roofline of one GPU"};
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/port.hpp"

namespace mlsysim {

template <class D>
class NestedOutputs {
 public:
  struct Slot {
    Name name;          // "node_profile.latency"
    std::size_t index;  // among the outer contract's outputs
    std::uint64_t bit;  // 1 << index (0 past 63)
  };

  NestedOutputs(Contract& contract, std::string_view prefix, std::string_view doc) {
    for (const PortInfo& inner : mlsysim::contract<D>().outputs()) {
      PortInfo p = inner;
      p.name = Name(std::string(prefix) + "." + inner.name.str());
      p.doc = std::string(doc) + ": " + inner.doc;
      const Name name = p.name;
      const std::size_t index = add_output_port(contract, std::move(p));
      slots_.push_back({name, index, index < 64 ? std::uint64_t{1} << index : 0});
    }
  }
  NestedOutputs(const NestedOutputs&) = delete;
  NestedOutputs& operator=(const NestedOutputs&) = delete;

  // In the order of D's outputs.
  const std::vector<Slot>& slots() const { return slots_; }

 private:
  std::vector<Slot> slots_;
};

}  // namespace mlsysim
