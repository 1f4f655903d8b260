// Writing a picture: SVG as it is, PNG or PDF through rsvg-convert
// (librsvg2-bin), chosen by the file name; any other name is refused.
#pragma once

#include <string>

namespace mlsysim::cli {

// Writes `svg` to `path` ("-" or empty: stdout as SVG), whole or not at all.
// Returns an error message, or "" on success.
std::string write_picture(const std::string& svg, const std::string& path);

}  // namespace mlsysim::cli
