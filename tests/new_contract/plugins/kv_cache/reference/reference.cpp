// kv_cache:reference, added as a new folder by the new-contract test.
#include "mlsysim/contracts/kv_cache.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/kv_cache.hpp"

namespace mlsysim::kv_cache {
namespace {

Status solve(sdk::Call<contracts::KvCache>& call) {
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
}  // namespace mlsysim::kv_cache

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::KvCache, "reference", "0.1.0", "KV-cache bytes",
                       mlsysim::kv_cache::solve)
