// Name: an interned port/field name. Two Names are equal iff they point to
// the same interned string, so record look-ups are pointer compares and no
// record ever allocates for its keys. Interned strings live for the process.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

class MLSYSIM_API Name {
 public:
  Name();                               // the empty name
  explicit Name(std::string_view text);  // interns `text` (thread-safe)

  std::string_view view() const { return *text_; }
  const std::string& str() const { return *text_; }
  bool empty() const { return text_->empty(); }

  bool operator==(const Name& other) const { return text_ == other.text_; }
  bool operator==(std::string_view other) const { return *text_ == other; }
  // Interned strings are heap nodes at least 16 bytes apart: drop the
  // alignment bits so that small hash tables and filters spread well.
  std::size_t hash() const { return reinterpret_cast<std::uintptr_t>(text_) >> 4; }

 private:
  const std::string* text_;
};

}  // namespace mlsysim
