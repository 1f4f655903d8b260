// A complete solver plugin: the KV-cache size of a transformer. The ports
// live in kv_cache.hpp (the contract); this file is the physics, and the
// physics itself comes from the SDK's shared workload library.
#include "kv_cache.hpp"

#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/kv_cache.hpp"

namespace {

using namespace mlsysim;

Status solve(sdk::Call<kv_cache::Contract>& call) {
  const auto& c = call.contract();
  const ModelRef& model = call[c.in.model];
  if (model->family != ModelFamily::kTransformer)
    return Error::bad_input("model", "model '" + model->id + "' is not a transformer");
  const double bytes = workload::bytes_per_element(call[c.in.precision]);
  call.set(c.out.kv_cache_size,
           workload::kv_cache_bytes(*model, call[c.in.seq_len], call[c.in.batch_size], bytes));
  return {};
}

}  // namespace

MLSYSIM_IMPLEMENTATION(kv_cache::Contract, "reference", "0.1.0", "MLSys·im's KV-cache rule", solve)
