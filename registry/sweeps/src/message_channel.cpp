#include "mlsysim/registry/message_channel.hpp"

#include <cstdlib>
#include <filesystem>

#include <dlfcn.h>
#include <fmt/format.h>

namespace mlsysim {

bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return true;
  return false;
}

Result<std::unique_ptr<MessageChannel>> open_mpi_channel() {
  // libmlsysim_mpi.so sits beside this library, in the build and the install.
  Dl_info self{};
  dladdr(reinterpret_cast<void*>(&launched_by_mpi), &self);
  const std::filesystem::path dir = self.dli_fname ? std::filesystem::path(self.dli_fname).parent_path() : "";
  void* library = dlopen((dir / "libmlsysim_mpi.so").c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (library == nullptr)
    return Error::plugin(fmt::format("running under mpirun, but the MPI support library cannot be loaded ({}); "
                                     "build mlsysim with Open MPI installed (libopenmpi-dev)", dlerror()));
  using Open = MessageChannel* (*)();
  auto open = reinterpret_cast<Open>(dlsym(library, "mlsysim_open_mpi_channel"));
  if (open == nullptr) return Error::plugin("libmlsysim_mpi.so has no mlsysim_open_mpi_channel");
  MessageChannel* channel = open();
  if (channel == nullptr) return Error::plugin("MPI could not be initialised");
  return std::unique_ptr<MessageChannel>(channel);
}

}  // namespace mlsysim
