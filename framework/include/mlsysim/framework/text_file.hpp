// Reading a file a user names (a spec file, an axis's @FILE of values): a
// regular file — not a FIFO that would block, not /dev/zero that never
// ends — of at most `max_bytes`, read whole. Errors say which and why.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

// The most a user-named input file may hold.
inline constexpr std::uintmax_t kMaxInputFileBytes = 64 << 20;

// `what` names the file in errors ("spec file", "values file").
MLSYSIM_API Result<std::string> read_text_file(const std::filesystem::path& path, std::string_view what,
                                               std::uintmax_t max_bytes = kMaxInputFileBytes);

}  // namespace mlsysim
