#include "plugin_file.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "mlsysim/sdk/descriptor.h"

namespace mlsysim {
namespace {

constexpr std::uintmax_t kMaxPluginBytes = 512u << 20;  // refuse anything larger than 512 MiB

bool within(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
  return offset <= size && length <= size - offset;
}

}  // namespace

Result<PluginNote> inspect_plugin_file(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return Error::plugin(fmt::format("cannot read: {}", ec.message()));
  if (size > kMaxPluginBytes) return Error::plugin(fmt::format("{} bytes: too large for a plugin", size));
  std::vector<char> bytes(size);
  std::ifstream in(file, std::ios::binary);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) return Error::plugin("cannot read the file");

  Elf64_Ehdr eh;
  if (size < sizeof eh || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
    return Error::plugin("cannot load: not an ELF shared library");
  std::memcpy(&eh, bytes.data(), sizeof eh);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_DYN)
    return Error::plugin("cannot load: not a 64-bit ELF shared library");
  if (!within(eh.e_phoff, std::uint64_t{eh.e_phnum} * eh.e_phentsize, size) ||
      !within(eh.e_shoff, std::uint64_t{eh.e_shnum} * eh.e_shentsize, size) || eh.e_shentsize != sizeof(Elf64_Shdr) ||
      eh.e_phentsize != sizeof(Elf64_Phdr))
    return Error::plugin(fmt::format("cannot load: truncated or damaged (its ELF tables end beyond its {} bytes)", size));
  for (std::size_t i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    std::memcpy(&ph, bytes.data() + eh.e_phoff + i * sizeof ph, sizeof ph);
    if (ph.p_type == PT_LOAD && !within(ph.p_offset, ph.p_filesz, size))
      return Error::plugin(fmt::format("cannot load: truncated (a loadable segment ends at byte {} of a {}-byte file)",
                                       ph.p_offset + ph.p_filesz, size));
  }
  if (eh.e_shstrndx >= eh.e_shnum) return Error::plugin("cannot load: damaged section table");
  Elf64_Shdr names;
  std::memcpy(&names, bytes.data() + eh.e_shoff + eh.e_shstrndx * sizeof names, sizeof names);
  if (!within(names.sh_offset, names.sh_size, size)) return Error::plugin("cannot load: damaged section names");
  for (std::size_t i = 0; i < eh.e_shnum; ++i) {
    Elf64_Shdr sh;
    std::memcpy(&sh, bytes.data() + eh.e_shoff + i * sizeof sh, sizeof sh);
    if (sh.sh_name >= names.sh_size) continue;
    const char* name = bytes.data() + names.sh_offset + sh.sh_name;
    const std::size_t room = names.sh_size - sh.sh_name;
    if (strnlen(name, room) == room || std::strcmp(name, MLSYSIM_PLUGIN_SECTION) != 0) continue;
    if (sh.sh_type == SHT_NOBITS || !within(sh.sh_offset, sh.sh_size, size)) break;
    const std::string text(bytes.data() + sh.sh_offset, strnlen(bytes.data() + sh.sh_offset, sh.sh_size));
    constexpr std::string_view kPrefix = "mlsysim-plugin;abi=";
    if (!text.starts_with(kPrefix)) break;
    const std::size_t semicolon = text.find(';', kPrefix.size());
    if (semicolon == std::string::npos) break;
    return PluginNote{text.substr(kPrefix.size(), semicolon - kPrefix.size()), text.substr(semicolon + 1)};
  }
  return Error::plugin(fmt::format("not an mlsysim plugin: no {} note (built without MLSYSIM_PLUGIN); not loaded",
                                   MLSYSIM_PLUGIN_SECTION));
}

}  // namespace mlsysim
