#include "mlsysim/framework/name.hpp"

#include <mutex>
#include <string>
#include <unordered_set>

namespace mlsysim {
namespace {

// Node-based set: element addresses are stable, so a Name may keep a pointer.
struct InternTable {
  std::mutex mutex;
  std::unordered_set<std::string> strings;
};

InternTable& table() {
  static InternTable* t = new InternTable();  // never destroyed: Names outlive statics
  return *t;
}

const std::string* intern(std::string_view text) {
  InternTable& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  return &*t.strings.emplace(text).first;
}

}  // namespace

Name::Name() : text_(intern({})) {}
Name::Name(std::string_view text) : text_(intern(text)) {}

}  // namespace mlsysim
