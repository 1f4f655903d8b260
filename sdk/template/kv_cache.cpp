// A complete solver plugin: the KV-cache size of a transformer. The ports
// live in kv_cache.hpp (the contract); this file is the physics, and the
// physics itself comes from the SDK's shared workload library.
#include "kv_cache.hpp"

#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"
#include "mlsysim/sdk/workload/kv_cache.hpp"

namespace {

using namespace mlsysim;

class Reference final : public sdk::Implementation<kv_cache::Contract> {
 public:
  Reference() : Implementation(kv_cache::contract(), {"reference", "0.1.0", "MLSys·im's KV-cache rule"}) {}

  Status solve(const Record& inputs, Record& outputs, Context&) const override {
    const auto& c = contract();
    InputReader in(inputs);
    const ModelRef& model = in.get(c.in.model);
    const auto seq = in.get(c.in.seq_len);
    const auto batch = in.get(c.in.batch_size);
    const std::string& precision = in.get(c.in.precision);
    if (!in.ok()) return in.error();
    if (model->family != ModelFamily::kTransformer)
      return Error::bad_input("model", "model '" + model->id + "' is not a transformer");
    const double bytes = workload::bytes_per_element(precision);
    OutputWriter(outputs, info()).set(c.out.kv_cache_size, workload::kv_cache_bytes(*model, seq, batch, bytes));
    return {};
  }
};

}  // namespace

MLSYSIM_PLUGIN("kv_cache", "0.1.0", mlsysim::sdk::registers<Reference>)
