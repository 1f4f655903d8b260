// ModelSpec: one workload (network) as the zoo describes it. `family`
// decides how solvers lower it (weights, FLOPs, layers); see the roofline
// plugin for MLSys·im's lowering rules.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/provenance.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {

enum class ModelFamily { kTransformer, kCnn, kSsm, kDiffusion, kWorkload };

// "transformer", "cnn", "ssm", "diffusion", "workload"
MLSYSIM_API std::string_view to_string(ModelFamily family);

struct ModelSpec {
  std::string id;  // zoo id, e.g. "Llama3_8B"
  std::vector<std::string> aliases;
  std::string category;  // "Language", "Vision", ...
  std::string name;      // display name, e.g. "Llama-3.1-8B"
  ModelFamily family = ModelFamily::kWorkload;
  std::string architecture;  // free text, e.g. "Transformer"

  std::optional<double> parameters;       // count
  std::optional<Bytes> model_size;        // only for models given by size (DLRM)
  std::optional<Flops> inference_flops;   // forward pass, one sample (per step for diffusion)
  std::optional<Flops> training_ops;
  std::optional<std::int64_t> layers;
  std::optional<std::int64_t> hidden_dim;
  std::optional<std::int64_t> heads;
  std::optional<std::int64_t> kv_heads;
  std::optional<std::int64_t> state_size;
  std::optional<std::int64_t> denoising_steps;
  std::optional<std::int64_t> resolution;

  Provenance provenance;
};

using ModelRef = std::shared_ptr<const ModelSpec>;

}  // namespace mlsysim
