// The web page's files, built into the binary (cmake/mlsysimWebAssets.cmake
// turns web/ and the vendored chart library into web_assets.cpp), so
// `mlsysim web` needs nothing at run time.
#pragma once

#include <string_view>

namespace mlsysim::cli {

struct WebAsset {
  std::string_view path;  // "/index.html", "/vendor/uPlot.iife.min.js"
  std::string_view content_type;
  std::string_view content;
};

// The asset served at `path`, or nullptr.
const WebAsset* find_web_asset(std::string_view path);

}  // namespace mlsysim::cli
