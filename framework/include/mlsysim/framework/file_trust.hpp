// Whether a file mlsysim is about to load (a plugin library, a variant's
// parameter file) can be trusted not to have been planted or swapped by
// another user. The file is judged where it really is — symlinks followed —
// and so is every directory above it:
//  * the file must not be world-writable;
//  * no directory above it may be world-writable, unless it is sticky (as
//    /tmp is) and the entry below it belongs to this user or to root, which
//    the sticky bit then protects from others.
// MLSYSIM_ALLOW_WRITABLE_PLUGINS=1 lifts these checks (the user says so).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

// Why `file` cannot be trusted ("directory /srv/x is world-writable"), or
// nullopt if it can. A file that does not exist is left to the caller.
MLSYSIM_API std::optional<std::string> untrusted_reason(const std::filesystem::path& file);

// MLSYSIM_ALLOW_WRITABLE_PLUGINS=1
MLSYSIM_API bool untrusted_files_allowed();

}  // namespace mlsysim
