#include <cstddef>
#include <optional>
#include <string_view>

#include "mlsysim/framework/json.hpp"

namespace mlsysim {
namespace {

// A cursor over text already known to be valid JSON, so it only has to find
// where tokens end, not check them.
struct Cursor {
  std::string_view text;
  std::size_t at = 0;

  bool done() const { return at >= text.size(); }
  char peek() const { return done() ? '\0' : text[at]; }
  void skip_space() {
    while (!done() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
      ++at;
  }
  void skip_string() {  // at the opening quote
    for (++at; !done(); ++at) {
      if (text[at] == '\\') ++at;
      else if (text[at] == '"') { ++at; return; }
    }
  }
  void skip_value() {
    const char c = peek();
    if (c == '"') return skip_string();
    if (c == '{' || c == '[') {
      std::size_t depth = 0;
      while (!done()) {
        const char d = text[at];
        if (d == '"') { skip_string(); continue; }
        if (d == '{' || d == '[') ++depth;
        else if ((d == '}' || d == ']') && --depth == 0) { ++at; return; }
        ++at;
      }
      return;
    }
    while (!done() && text[at] != ',' && text[at] != '}' && text[at] != ']' && text[at] != ' ' &&
           text[at] != '\t' && text[at] != '\r' && text[at] != '\n')
      ++at;
  }
};

}  // namespace

std::optional<std::string_view> raw_member(std::string_view object_text, std::string_view key) {
  Cursor cur{object_text};
  cur.skip_space();
  if (cur.peek() != '{') return std::nullopt;
  ++cur.at;
  while (true) {
    cur.skip_space();
    if (cur.peek() != '"') return std::nullopt;
    const std::size_t key_begin = cur.at + 1;
    cur.skip_string();
    const std::string_view name = object_text.substr(key_begin, cur.at - 1 - key_begin);
    cur.skip_space();
    if (cur.peek() != ':') return std::nullopt;
    ++cur.at;
    cur.skip_space();
    const std::size_t value_begin = cur.at;
    cur.skip_value();
    if (name == key) return object_text.substr(value_begin, cur.at - value_begin);
    cur.skip_space();
    if (cur.peek() != ',') return std::nullopt;
    ++cur.at;
  }
}

}  // namespace mlsysim
