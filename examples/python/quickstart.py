"""The README's Python example, run as written (from the repository root)."""
import mlsysim

# One solve: quantities are floats in base units that know their unit.
r = mlsysim.solve("roofline", model="ResNet50", hardware="A100", batch_size=1)
print(r.latency.to("ms"), r.bottleneck)            # 0.5426... Memory

# A sweep into a pandas DataFrame (axis columns, then outputs), from the C++ engine.
df = mlsysim.sweep("roofline", over={"model": ["ResNet50", "GPT2"], "batch_size": [1, 2, 4]},
                   set={"hardware": "H100"})
print(df[["model", "batch_size", "latency", "bottleneck"]])

# A plot, as a matplotlib figure.
mlsysim.plot.roofline(["A100", "H100"], ["ResNet50", "Llama3_8B"], [1, 64]).savefig("roofline.png")

# A variant written in Python, scored against the C++ one on measured hardware.
@mlsysim.register("roofline:weights_only", base="roofline")
def weights_only(inputs):
    """Latency = weight bytes / bandwidth; every other output from roofline:reference."""
    bytes_per_param = {"fp32": 4, "fp16": 2, "bf16": 2, "fp8": 1, "int8": 1}.get(inputs["precision"], 2)
    params = inputs["model"]["parameters"] or 0
    return {"latency": params * bytes_per_param / inputs["hardware"]["memory_bandwidth"]}

report = mlsysim.score("zoo/measured/corpus.jsonl", ["roofline:reference", "roofline:weights_only"])
print(report.summary[["solver", "n", "failures", "mape", "within_30"]])
