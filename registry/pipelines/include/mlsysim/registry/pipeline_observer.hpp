// PipelineObserver: hears about each pipeline stage as it ends, e.g. to
// trace timings (`mlsysim pipeline run --trace`) or to collect statistics.
// Observers must not throw; they run on the pipeline's thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"

namespace mlsysim {

struct StageEvent {
  std::string_view pipeline;  // the pipeline's name
  std::size_t index;          // 0-based position of the stage
  std::string_view stage;     // the stage id
  std::string_view solver;
  std::chrono::nanoseconds elapsed;  // binding its inputs + solving
  const Status& status;
  const Record& outputs;  // meaningful if status is OK
};

class MLSYSIM_API PipelineObserver {
 public:
  virtual ~PipelineObserver();
  virtual void on_stage_end(const StageEvent& event) = 0;
};

}  // namespace mlsysim
