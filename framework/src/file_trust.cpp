#include "mlsysim/framework/file_trust.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

namespace mlsysim {

bool untrusted_files_allowed() {
  const char* v = std::getenv("MLSYSIM_ALLOW_WRITABLE_PLUGINS");
  return v != nullptr && std::string_view(v) == "1";
}

std::optional<std::string> untrusted_reason(const std::filesystem::path& file) {
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(file, ec);
  if (ec) return std::nullopt;  // missing: the caller reports that
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) return std::nullopt;
  if (st.st_mode & S_IWOTH)
    return real == file ? fmt::format("{} is world-writable", real.string())
                        : fmt::format("{} (where {} leads) is world-writable", real.string(), file.string());
  // Each directory above, and the entry below it.
  std::filesystem::path entry = real;
  uid_t entry_owner = st.st_uid;
  const uid_t me = ::geteuid();
  for (std::filesystem::path dir = real.parent_path();; dir = dir.parent_path()) {
    struct stat d {};
    if (::stat(dir.c_str(), &d) != 0) break;
    if (d.st_mode & S_IWOTH) {
      const bool sticky = (d.st_mode & S_ISVTX) != 0;
      if (!sticky) return fmt::format("directory {} (above {}) is world-writable", dir.string(), real.string());
      if (entry_owner != me && entry_owner != 0)
        return fmt::format("{} is in the world-writable directory {} and belongs to another user",
                           entry.string(), dir.string());
    }
    if (dir == dir.root_path() || dir.empty()) break;
    entry = dir;
    entry_owner = d.st_uid;
  }
  return std::nullopt;
}

}  // namespace mlsysim
