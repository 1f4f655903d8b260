#include "picture_file.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <unistd.h>

#include "atomic_file.hpp"

namespace mlsysim::cli {
namespace {

std::string lowercase_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Renders `svg` with rsvg-convert in `format` ("png" or "pdf") into `path`.
std::string convert(const std::string& svg, const std::string& path, const std::string& format) {
  char tmp[] = "/tmp/mlsysim-plot-XXXXXX";
  const int fd = mkstemp(tmp);
  if (fd < 0) return "cannot create a temporary file for the picture";
  const bool written = ::write(fd, svg.data(), svg.size()) == static_cast<ssize_t>(svg.size());
  ::close(fd);
  const std::string error = replace_file_atomically(path, [&](const std::filesystem::path& out) -> std::string {
    if (!written) return "cannot write the SVG to convert";
    if (std::system("command -v rsvg-convert > /dev/null 2>&1") != 0)
      return fmt::format("writing {} needs rsvg-convert (apt-get install librsvg2-bin); write .svg instead",
                         format == "png" ? "PNG" : "PDF");
    const std::string cmd =
        fmt::format("rsvg-convert -f {} -o {} {} 2>/dev/null", format, shell_quoted(out.string()), shell_quoted(tmp));
    return std::system(cmd.c_str()) == 0 ? "" : fmt::format("rsvg-convert could not render the SVG as {}", format);
  });
  std::remove(tmp);
  return error;
}

}  // namespace

std::string write_picture(const std::string& svg, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(svg.data(), 1, svg.size(), stdout);
    return "";
  }
  const std::string ext = lowercase_extension(path);
  if (ext == ".svg") return write_file_atomically(path, svg);
  if (ext == ".png") return convert(svg, path, "png");
  if (ext == ".pdf") return convert(svg, path, "pdf");
  return fmt::format("'{}' is not a picture name this tool writes: expected a name ending in .svg, .png or .pdf",
                     path);
}

}  // namespace mlsysim::cli
