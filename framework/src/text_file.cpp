#include "mlsysim/framework/text_file.hpp"

#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace mlsysim {

Result<std::string> read_text_file(const std::filesystem::path& path, std::string_view what,
                                   std::uintmax_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Error::bad_input(path.string(), fmt::format("{} '{}' is {}", what, path.string(),
                                                       std::filesystem::exists(path, ec) ? "not a regular file"
                                                                                          : "missing"));
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > max_bytes)
    return Error::bad_input(path.string(), fmt::format("{} '{}' is larger than {} bytes", what, path.string(),
                                                       max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::bad_input(path.string(), fmt::format("cannot read {} '{}'", what, path.string()));
  std::string text;
  text.reserve(static_cast<std::size_t>(size));
  text.assign(std::istreambuf_iterator<char>(in), {});
  if (text.size() > max_bytes)  // it grew while being read
    return Error::bad_input(path.string(), fmt::format("{} '{}' is larger than {} bytes", what, path.string(),
                                                       max_bytes));
  return text;
}

}  // namespace mlsysim
