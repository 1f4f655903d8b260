#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace mlsysim::cli {

std::string replace_file_atomically(const std::filesystem::path& path,
                                    const std::function<std::string(const std::filesystem::path&)>& make) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern = (dir / fmt::format(".{}.partial-XXXXXX", path.filename().string())).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return fmt::format("cannot write '{}': cannot create a file in '{}'", path.string(), dir.string());
  const mode_t mask = ::umask(0);  // the mode a plain open would give (mkstemp's is 0600)
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  const std::filesystem::path temporary(pattern);
  std::string error = make(temporary);
  if (error.empty() && std::rename(temporary.c_str(), path.c_str()) != 0)
    error = fmt::format("cannot write '{}'", path.string());
  if (!error.empty()) std::remove(temporary.c_str());
  return error;
}

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
