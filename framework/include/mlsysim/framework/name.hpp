// Name: an interned port/field name. Two Names are equal iff they point to
// the same interned string, so record look-ups are pointer compares and no
// record ever allocates for its keys. Interned strings live for the process.
#pragma once

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
  std::size_t hash() const { return std::hash<const void*>{}(text_); }

 private:
  const std::string* text_;
};

}  // namespace mlsysim
