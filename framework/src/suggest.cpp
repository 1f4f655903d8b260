#include "mlsysim/framework/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace mlsysim {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  if (name.size() > 200) return "";
  const std::size_t limit = std::max<std::size_t>(1, (name.size() + 2) / 3);
  std::vector<std::pair<std::size_t, const std::string*>> close;
  for (const std::string& c : candidates)
    if (std::size_t d = edit_distance(name, c); d <= limit) close.emplace_back(d, &c);
  if (close.empty()) return "";
  std::stable_sort(close.begin(), close.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out = " (did you mean ";
  for (std::size_t i = 0; i < close.size() && i < 3; ++i) {
    if (i) out += i + 1 == std::min<std::size_t>(close.size(), 3) ? " or " : ", ";
    out += "'" + *close[i].second + "'";
  }
  return out + "?)";
}

std::optional<std::string> unique_case_insensitive(std::string_view name, const std::vector<std::string>& candidates) {
  std::optional<std::string> found;
  for (const std::string& c : candidates) {
    if (c.size() != name.size() ||
        !std::equal(c.begin(), c.end(), name.begin(), [](char x, char y) { return lower(x) == lower(y); }))
      continue;
    if (found && *found != c) return std::nullopt;  // ambiguous
    found = c;
  }
  return found;
}

}  // namespace mlsysim
