// Files a user hands to mlsysim: a variant's parameter file and a case file
// (measured or reference cases). The first byte picks which; the rest is
// the file, written where the readers find it.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "mlsysim/framework/parameter_file.hpp"
#include "mlsysim/registry/corpus.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string path = "/tmp/mlsysim-input-file-fuzz-" + std::to_string(::getpid());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  }
  if (data[0] % 2 == 0) (void)mlsysim::read_parameter_file(path);
  else (void)mlsysim::load_case_file(path);
  return 0;
}
