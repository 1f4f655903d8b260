// A complete solver plugin: the KV-cache size of a transformer, in ~40 lines
// of physics and ports. Copy this folder to start your own.
#include <memory>

#include "mlsysim/sdk/plugin.hpp"

namespace {

using mlsysim::Bytes;
using mlsysim::Input;
using mlsysim::Output;

const Input<mlsysim::ModelRef> kModel{"model", "a transformer from the zoo"};
const Input<std::int64_t> kSeqLen{"seq_len", 2048, "tokens of context"};
const Input<std::int64_t> kBatch{"batch_size", 1, "sequences"};
const Input<double> kBytesPerElement{"bytes_per_element", 2.0, "2 for fp16/bf16"};
const Output<Bytes> kKvCache{"kv_cache_size", "2 x layers x kv_heads x head_dim x seq x batch x bytes"};

class KvCacheSolver final : public mlsysim::Solver {
 public:
  KvCacheSolver() {
    info_.name = "kv_cache";
    info_.version = "0.1.0";
    info_.summary = "KV-cache bytes of a transformer (template plugin)";
    info_.inputs = {kModel.info(), kSeqLen.info(), kBatch.info(), kBytesPerElement.info()};
    info_.outputs = {kKvCache.info()};
  }
  const mlsysim::SolverInfo& info() const override { return info_; }

  mlsysim::Status solve(const mlsysim::Record& inputs, mlsysim::Record& outputs,
                        mlsysim::Context&) const override {
    mlsysim::InputReader in(inputs);
    const mlsysim::ModelRef& model = in.get(kModel);
    const auto seq = in.get(kSeqLen);
    const auto batch = in.get(kBatch);
    const auto bpe = in.get(kBytesPerElement);
    if (!in.ok()) return in.error();
    if (!model->layers || !model->heads)
      return mlsysim::Error::bad_input("model", "model '" + model->id + "' is not a transformer");
    const std::int64_t heads = *model->heads;
    const std::int64_t head_dim = model->hidden_dim.value_or(4096) / heads;
    const double elements = 2.0 * static_cast<double>(*model->layers * model->kv_heads.value_or(heads) *
                                                      head_dim * seq * batch);
    mlsysim::OutputWriter(outputs, 1).set(kKvCache, elements * bpe * mlsysim::unit::bytes);
    return {};
  }

 private:
  mlsysim::SolverInfo info_;
};

mlsysim::Status register_plugin(mlsysim::PluginRegistrar& registrar) {
  registrar.add_solver(std::make_unique<KvCacheSolver>());
  return {};
}

}  // namespace

MLSYSIM_PLUGIN("kv_cache", "0.1.0", register_plugin)
