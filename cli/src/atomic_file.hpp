// Files the CLI writes (plots, fitted parameter files) appear whole or not
// at all: the text goes to a temporary file beside the target, which is
// renamed over it only once fully written, so an interrupted run never
// leaves a half-written file where a good one was.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace mlsysim::cli {

// Writes `text` to `path` atomically; an error message, or empty.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view text);

// The same for a file another step produces: `make(temporary)` writes the
// temporary file beside `path` (returning an error message or empty), and
// it is then renamed over `path`.
std::string replace_file_atomically(const std::filesystem::path& path,
                                    const std::function<std::string(const std::filesystem::path&)>& make);

}  // namespace mlsysim::cli
