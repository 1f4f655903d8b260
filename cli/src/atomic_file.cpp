#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace mlsysim::cli {

namespace {

// An empty file beside `path` with the mode a plain open would give
// (mkstemp's is 0600), or an error message.
std::string make_temporary_beside(const std::filesystem::path& path, std::filesystem::path& temporary, int& fd) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern = (dir / fmt::format(".{}.partial-XXXXXX", path.filename().string())).string();
  fd = ::mkstemp(pattern.data());
  if (fd < 0) return fmt::format("cannot write '{}': cannot create a file in '{}'", path.string(), dir.string());
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  temporary = pattern;
  return {};
}

}  // namespace

std::string replace_file_atomically(const std::filesystem::path& path,
                                    const std::function<std::string(const std::filesystem::path&)>& make) {
  std::filesystem::path temporary;
  int fd = -1;
  if (std::string error = make_temporary_beside(path, temporary, fd); !error.empty()) return error;
  ::close(fd);
  std::string error = make(temporary);
  if (error.empty() && std::rename(temporary.c_str(), path.c_str()) != 0)
    error = fmt::format("cannot write '{}'", path.string());
  if (!error.empty()) std::remove(temporary.c_str());
  return error;
}

std::string StagedFile::open(const std::filesystem::path& path, StagedFile& out) {
  int fd = -1;
  if (std::string error = make_temporary_beside(path, out.temporary_, fd); !error.empty()) return error;
  out.path_ = path;
  out.stream_ = ::fdopen(fd, "w");
  if (out.stream_ == nullptr) {
    ::close(fd);
    std::remove(out.temporary_.c_str());
    return fmt::format("cannot write '{}'", path.string());
  }
  return {};
}

StagedFile::~StagedFile() {
  if (stream_ == nullptr) return;
  std::fclose(stream_);
  std::remove(temporary_.c_str());
}

std::string StagedFile::close_as(const std::filesystem::path& target) {
  const bool written = std::fflush(stream_) == 0 && !std::ferror(stream_) && ::fsync(::fileno(stream_)) == 0;
  const bool closed = std::fclose(stream_) == 0;
  stream_ = nullptr;
  if (written && closed && std::rename(temporary_.c_str(), target.c_str()) == 0) return {};
  std::remove(temporary_.c_str());
  return fmt::format("cannot write '{}': the disk refused it", target.string());
}

std::string StagedFile::commit() { return close_as(path_); }

std::string StagedFile::keep_partial() { return close_as(partial_path()); }

std::string write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  return replace_file_atomically(path, [&](const std::filesystem::path& temporary) -> std::string {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return fmt::format("cannot write '{}'", path.string());
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    const bool ok = done == text.size() && ::fsync(fd) == 0;
    ::close(fd);
    return ok ? "" : fmt::format("cannot write '{}': the disk refused it", path.string());
  });
}

}  // namespace mlsysim::cli
