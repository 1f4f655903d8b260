#include "mlsysim/framework/spec_schema.hpp"

#include <initializer_list>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace mlsysim {
namespace {

// A quantity as spec files write it: "80 GiB", a number in base units, or {"value", "unit"}.
Json quantity(const char* description) {
  return {{"description", description},
          {"oneOf", Json::array({Json{{"type", "string"}, {"description", "a number and a unit, e.g. 3.35 TB/s"}},
                                 Json{{"type", "number"}, {"description", "in base units"}},
                                 Json{{"type", "object"},
                                      {"properties", {{"value", {{"type", "number"}}}, {"unit", {{"type", "string"}}}}},
                                      {"required", Json::array({"value", "unit"})}}})}};
}

Json typed(const char* type, const char* description) { return {{"type", type}, {"description", description}}; }

Json object(std::initializer_list<std::pair<const char*, Json>> properties, std::initializer_list<const char*> required) {
  Json props = Json::object();
  for (const auto& [name, schema] : properties) props[name] = schema;
  Json names = Json::array();
  for (const char* name : required) names.push_back(name);
  return {{"type", "object"}, {"properties", props}, {"required", names}};
}

Json identity(Json schema, const char* title) {
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["title"] = title;
  Json& p = schema["properties"];
  p["id"] = typed("string", "zoo id, e.g. H100");
  p["aliases"] = {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "other names that find it"}};
  p["name"] = typed("string", "display name");
  p["category"] = typed("string", "zoo category, e.g. Cloud");
  p["provenance"] = object({{"source", typed("string", "where the figures come from")},
                            {"source_url", typed("string", "a link to the source")},
                            {"last_verified", typed("string", "ISO date")}},
                           {});
  return schema;
}

}  // namespace

Json hardware_schema() {
  Json link = object({{"name", typed("string", "the link's name")}, {"bandwidth", quantity("per direction")},
                      {"latency", quantity("per message")}},
                     {"bandwidth"});
  Json storage = object({{"capacity", quantity("bytes")}, {"bandwidth", quantity("read bandwidth")},
                         {"latency", quantity("access latency")}},
                        {"bandwidth"});
  Json schema = object(
      {{"release_year", typed("integer", "year of release")},
       {"compute", object({{"peak_flops", quantity("default (FP16/BF16 dense) peak, e.g. 989 TFLOPs/s")},
                           {"precision_flops", {{"type", "object"},
                                                {"additionalProperties", quantity("peak at this precision")},
                                                {"description", "peaks by precision: fp32, tf32, fp8, int8, int4, ..."}}}},
                          {"peak_flops"})},
       {"memory", object({{"capacity", quantity("main memory, e.g. 80 GiB")}, {"bandwidth", quantity("e.g. 3.35 TB/s")},
                          {"sram_capacity", quantity("on-chip memory")}, {"sram_bandwidth", quantity("on-chip bandwidth")},
                          {"flash_capacity", quantity("flash")}, {"flash_bandwidth", quantity("flash bandwidth")}},
                         {"capacity", "bandwidth"})},
       {"interconnect", link},
       {"storage", storage},
       {"tdp", quantity("thermal design power, e.g. 700 W")},
       {"battery_capacity", quantity("energy, for battery devices")},
       {"unit_cost_usd", typed("number", "price of one device, USD")},
       {"embodied_carbon_kg", typed("number", "manufacturing carbon, kg CO2")},
       {"dispatch_tax", quantity("per-step launch overhead (default 0.01 ms)")}},
      {"id", "compute", "memory"});
  return identity(std::move(schema), "mlsysim hardware spec");
}

Json model_schema() {
  Json schema = object(
      {{"class", {{"enum", Json::array({"transformer", "cnn", "ssm", "diffusion", "workload"})},
                  {"description", "model family (decides KV cache, layers, denoising)"}}},
       {"architecture", typed("string", "free text, e.g. Transformer")},
       {"parameters", typed("number", "parameter count (or give model_size)")},
       {"model_size", quantity("size of a model given by bytes only (DLRM)")},
       {"inference_flops", quantity("forward FLOPs of one sample (default 2 x parameters)")},
       {"training_ops", quantity("FLOPs of one training step, if known")},
       {"layers", typed("integer", "transformer, CNN or SSM layers")},
       {"hidden_dim", typed("integer", "hidden size")},
       {"heads", typed("integer", "attention heads")},
       {"kv_heads", typed("integer", "KV heads (grouped-query attention)")},
       {"state_size", typed("integer", "SSM state size")},
       {"denoising_steps", typed("integer", "diffusion steps per sample")},
       {"resolution", typed("integer", "image resolution")}},
      {"id", "class"});
  schema["description"] =
      "A model spec; a Hugging Face config.json (num_hidden_layers, hidden_size, num_attention_heads, ...) is read "
      "as a transformer too.";
  return identity(std::move(schema), "mlsysim model spec");
}

}  // namespace mlsysim
