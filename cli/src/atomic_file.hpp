// Files the CLI writes (plots, fitted parameter files, sweep rows) appear
// whole or not at all: the text goes to a temporary file beside the target,
// which is renamed over it only once fully written, so an interrupted run
// never leaves a half-written file where a good one was.
#pragma once

#include <cstdio>
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

// A file written as a stream (a sweep's rows): the text goes to the hidden
// temporary `.NAME.partial-XXXXXX` beside `path`. commit() renames it to
// `path`; keep_partial() to `path.partial`, so rows an interrupted run wrote
// are kept under a name that says so. A process killed first leaves only the
// hidden temporary; `path` itself is never half-written. If neither is
// called, the destructor removes the temporary.
class StagedFile {
 public:
  // An error message, or empty with `out` open.
  static std::string open(const std::filesystem::path& path, StagedFile& out);
  StagedFile() = default;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  std::FILE* stream() const { return stream_; }
  std::string commit();        // flushed and renamed to path; error message or empty
  std::string keep_partial();  // renamed to path.partial; error message or empty
  std::filesystem::path partial_path() const { return path_.string() + ".partial"; }

 private:
  std::string close_as(const std::filesystem::path& target);
  std::filesystem::path path_, temporary_;
  std::FILE* stream_ = nullptr;
};

}  // namespace mlsysim::cli
