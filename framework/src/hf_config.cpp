#include "mlsysim/framework/hf_config.hpp"

#include <array>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mlsysim {
namespace {

constexpr std::array<const char*, 3> kLayers = {"num_hidden_layers", "n_layer", "num_layers"};
constexpr std::array<const char*, 3> kHidden = {"hidden_size", "n_embd", "d_model"};
constexpr std::array<const char*, 3> kHeads = {"num_attention_heads", "n_head", "num_heads"};
constexpr std::array<const char*, 2> kKvHeads = {"num_key_value_heads", "multi_query_group_num"};
constexpr std::int64_t kDefaultVocab = 32000;

// The first of `keys` holding a truthy value (Python's `a or b or c`); an
// error naming it if that value is not a positive integer.
template <std::size_t N>
Result<std::optional<std::int64_t>> first_truthy(const Json& json, const std::array<const char*, N>& keys) {
  for (const char* key : keys) {
    if (!json.contains(key)) continue;
    const Json& v = json[key];
    if (v.is_null() || (v.is_number() && v.get<double>() == 0) || (v.is_boolean() && !v.get<bool>())) continue;
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1)
      return Error::bad_input(key, fmt::format("{}: got {}, expected a positive integer", key, v.dump()));
    return std::optional<std::int64_t>(v.get<std::int64_t>());
  }
  return std::optional<std::int64_t>();
}

template <std::size_t N>
Result<std::int64_t> required(const Json& json, const std::array<const char*, N>& keys) {
  Result<std::optional<std::int64_t>> v = first_truthy(json, keys);
  if (!v.ok()) return v.error();
  if (!*v) return Error::bad_input(keys[0], fmt::format("{}: the config names no {} (nor {})", keys[0], keys[0],
                                                        fmt::join(keys.begin() + 1, keys.end(), ", ")));
  return **v;
}

}  // namespace

bool is_hf_config(const Json& json) {
  if (!json.is_object() || json.contains("class")) return false;
  for (const auto* keys : {&kLayers, &kHidden, &kHeads})
    for (const char* key : *keys)
      if (json.contains(key)) return true;
  return false;
}

Result<ModelSpec> model_from_hf_config(const Json& json, std::string_view name) {
  Result<std::int64_t> layers = required(json, kLayers), hidden = required(json, kHidden),
                       heads = required(json, kHeads);
  for (const auto* r : {&layers, &hidden, &heads})
    if (!r->ok()) return r->error();
  Result<std::optional<std::int64_t>> kv = first_truthy(json, kKvHeads);
  if (!kv.ok()) return kv.error();
  Result<std::optional<std::int64_t>> vocab = first_truthy(json, std::array<const char*, 1>{"vocab_size"});
  Result<std::optional<std::int64_t>> ffn = first_truthy(json, std::array<const char*, 1>{"intermediate_size"});
  if (!vocab.ok()) return vocab.error();
  if (!ffn.ok()) return ffn.error();
  const bool tied = json.contains("tie_word_embeddings") && json["tie_word_embeddings"].is_boolean() &&
                    json["tie_word_embeddings"].get<bool>();

  const double L = static_cast<double>(*layers), H = static_cast<double>(*hidden);
  const std::int64_t kv_heads = kv->value_or(*heads);
  const double d = static_cast<double>(*hidden / *heads);  // integer division, as 0.1.0
  const double attention = 2 * H * H + 2 * H * d * static_cast<double>(kv_heads);
  const double mlp = *ffn ? 3 * H * static_cast<double>(**ffn) : 8 * H * H;
  const double params = (tied ? 1 : 2) * static_cast<double>(vocab->value_or(kDefaultVocab)) * H + L * (attention + mlp);

  ModelSpec m;
  m.id = m.name = std::string(name);
  m.family = ModelFamily::kTransformer;
  m.architecture = "Transformer";
  m.parameters = params;
  m.inference_flops = (2 * params) * unit::flops;
  m.layers = *layers;
  m.hidden_dim = *hidden;
  m.heads = *heads;
  m.kv_heads = kv_heads;
  m.provenance.source = "Hugging Face config.json, estimated as MLSys·im 0.1.0's import_hf_model";
  return m;
}

}  // namespace mlsysim
