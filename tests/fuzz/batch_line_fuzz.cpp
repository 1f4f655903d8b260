// One line of the batch protocol (`mlsysim run`), with every plugin loaded:
// a response line, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_registry.hpp"
#include "mlsysim/registry/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mlsysim::BatchRunner runner(fuzz_registry());
  std::string out;
  runner.handle_line(std::string_view(reinterpret_cast<const char*>(data), size), 1, out);
  if (out.empty() || out.back() != '\n') std::abort();  // every line is answered
  return 0;
}
