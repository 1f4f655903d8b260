// Models from a Hugging Face `config.json` (reference/python-and-cli.md §6): MLSys·im's
// import_hf_model estimate — layers, hidden size, heads and KV heads read
// under any of their usual names, parameters from the embeddings plus each
// layer's attention and FFN, two FLOPs per parameter per token. No network:
// the file is local (`--model @config.json`, or `@DIR` holding one), and a
// model object that looks like a config is read as one wherever a model is
// taken.
#pragma once

#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

// True if `json` has no mlsysim model `class` and names a layer count, a
// hidden size or a head count the way Hugging Face configs do.
MLSYSIM_API bool is_hf_config(const Json& json);

// The transformer MLSys·im estimates from the config; `name` is its id and
// name (0.1.0 takes the part of the model id after the last '/'). Errors
// name the field that is missing or not a positive integer.
MLSYSIM_API Result<ModelSpec> model_from_hf_config(const Json& json, std::string_view name);

}  // namespace mlsysim
