"""MLSys·im 0.1.0's resolvers and Engine over mlsysim's contracts: ``Engine.solve(model,
hardware, batch_size=1, precision="fp16")`` returns a PerformanceProfile whose latencies are
quantities in ms; ``DataModel().solve(workload_data_rate=Q_(17.7, "GB/s"), hardware=A100)``
and the other 23 resolver classes return results whose fields read as attributes. Inputs may be
zoo entries (`Models.ResNet50`), zoo ids, spec dicts, quantities or plain values.
"""

from __future__ import annotations

from . import _compat_zoo
from .units import Quantity, from_base
from . import _types


def _argument(value):
    """A 0.1.0-style argument as mlsysim.solve takes it."""
    if isinstance(value, _compat_zoo.Entry):  # a zoo entry by id; one built in Python as its zoo file
        return value.spec.get("id") if value.from_zoo else value.spec
    if isinstance(value, Quantity):
        return f"{value.magnitude!r} {value.units}" if value.units else float(value)
    if isinstance(value, (list, tuple)):
        return [_argument(v) for v in value]
    return value


def _result_value(value):
    if isinstance(value, _types.Quantity):
        return from_base(float(value), value.unit)
    if isinstance(value, dict):
        return {k: _result_value(v) for k, v in value.items()}
    return value


class ResolverResult:
    """A resolver's answer: outputs as attributes (quantities as units.Quantity), nested
    outputs ("best_config.tp") as dicts, and `warnings`."""

    def __init__(self, result: _types.Result):
        fields: dict = {}
        for name, value in result.outputs.items():
            head, _, rest = name.partition(".")
            if rest:
                fields.setdefault(head, {})[rest] = _result_value(value)
            else:
                fields[name] = _result_value(value)
        self.__dict__.update(fields)
        self.warnings = result.warnings
        self.constraint_trace = None

    def model_dump(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "warnings"}

    def __repr__(self):
        shown = ", ".join(f"{k}={v}" for k, v in list(self.model_dump().items())[:6])
        return f"{type(self).__name__}({shown}, ...)"


_MS = ("latency", "latency_compute", "latency_memory", "latency_overhead")


class PerformanceProfile(ResolverResult):
    """Engine.solve's answer (0.1.0's PerformanceProfile): latencies in ms, throughput in 1/s."""

    def __init__(self, result: _types.Result):
        super().__init__(result)
        for name in _MS:
            self.__dict__[name] = self.__dict__[name].to("ms")

    @property
    def energy_per_inference(self):
        return self.energy

    def summary(self) -> str:
        return "\n".join([
            f"Feasible: {self.feasible}",
            f"Bottleneck: {self.bottleneck}",
            f"Latency: {self.latency.magnitude:.4f} ms",
            f"  Compute: {self.latency_compute.magnitude:.4f} ms",
            f"  Memory: {self.latency_memory.magnitude:.4f} ms",
            f"  Overhead: {self.latency_overhead.magnitude:.4f} ms",
            f"Throughput: {float(self.throughput.m_as('1/s')):.2f} /s",
            f"MFU: {self.mfu:.3f}",
            f"HFU: {self.hfu:.3f}",
            f"Memory Footprint: {self.memory_footprint.m_as('GB'):.3f} GB",
        ])


def _ports(contract: str) -> list[str]:
    import mlsysim
    for s in mlsysim.solvers():
        if s["contract"] == contract and s["default"]:
            return [p["name"] for p in s["inputs"]]
    return []


class Resolver:
    """Base of the resolver classes: `solve(*args, **kwargs)` in 0.1.0's argument order."""

    contract = ""
    result_type = ResolverResult

    def solve(self, *args, **kwargs):
        import mlsysim
        names = _ports(self.contract)
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}.solve takes at most {len(names)} positional arguments")
        inputs = dict(zip(names, args))
        inputs.update(kwargs)
        return self.result_type(mlsysim.solve(self.contract, **{k: _argument(v) for k, v in inputs.items()}))

    def _description(self) -> dict:
        import mlsysim
        return next(s for s in mlsysim.solvers() if s["contract"] == self.contract and s["default"])

    def schema(self) -> dict:
        """0.1.0's schema(): the resolver, its type (model/solver/optimizer) and walls."""
        d = self._description()
        return {"resolver": type(self).__name__, "type": d["tier"], "walls": d["walls"],
                "requires": [p["name"] for p in d["inputs"] if p["required"]], "produces": d["contract"]}

    def fallacies(self) -> dict:
        """Misconception -> reality, for the three resolvers 0.1.0 gives any."""
        return {f["misconception"]: f["reality"] for f in self._description()["fallacies"]}


def _resolver(class_name: str, contract: str, result_type=ResolverResult):
    return type(class_name, (Resolver,), {"contract": contract, "result_type": result_type,
                                          "__doc__": f"MLSys·im 0.1.0's {class_name} (the `{contract}` contract)."})


RESOLVERS = {name: _resolver(name, contract) for name, contract in [
    ("DistributedModel", "distributed"), ("ReliabilityModel", "reliability"),
    ("SustainabilityModel", "sustainability"), ("EconomicsModel", "economics"), ("ServingModel", "serving"),
    ("ContinuousBatchingModel", "continuous_batching"), ("WeightStreamingModel", "weight_streaming"),
    ("TailLatencyModel", "tail_latency"), ("CheckpointModel", "checkpoint"), ("DataModel", "data"),
    ("ScalingModel", "scaling"), ("OrchestrationModel", "orchestration"), ("CompressionModel", "compression"),
    ("EfficiencyModel", "efficiency"), ("TransformationModel", "transformation"), ("TopologyModel", "topology"),
    ("InferenceScalingModel", "inference_scaling"), ("SensitivitySolver", "sensitivity"),
    ("SynthesisSolver", "synthesis"), ("ResponsibleEngineeringModel", "responsible_engineering"),
    ("ParallelismOptimizer", "parallelism"), ("BatchingOptimizer", "batching"),
    ("PlacementOptimizer", "placement"), ("NetworkRooflineModel", "network_roofline")]}
RESOLVERS["SingleNodeModel"] = _resolver("SingleNodeModel", "roofline", PerformanceProfile)


class Engine:
    """0.1.0's Engine: `solve` is the single-node roofline (SingleNodeModel)."""

    @staticmethod
    def solve(model, hardware, batch_size=1, precision="fp16", efficiency=0.5, raise_errors=False,
              is_training=False, seq_len=2048, zero_stage=0, dp_size=1, is_lora=False,
              activation_recomputation=False) -> PerformanceProfile:
        return RESOLVERS["SingleNodeModel"]().solve(
            model=model, hardware=hardware, batch_size=batch_size, precision=precision, efficiency=efficiency,
            raise_errors=raise_errors, is_training=is_training, seq_len=seq_len, zero_stage=zero_stage,
            dp_size=dp_size, is_lora=is_lora, activation_recomputation=activation_recomputation)

    @staticmethod
    def sweep(model, hardware_list, batch_sizes=(1,), precisions=("fp16",), efficiency=0.5) -> list[dict]:
        """Every device x batch x precision; combinations that do not fit are skipped, as in 0.1.0."""
        out = []
        for hw in hardware_list:
            for b in batch_sizes:
                for p in precisions:
                    profile = Engine.solve(model, hw, batch_size=b, precision=p, efficiency=efficiency)
                    if profile.feasible:
                        out.append({"hardware": hw, "batch_size": b, "precision": p, "profile": profile})
        return out


def plot_roofline(hardware, workloads=(), batch_sizes=(1,)):
    """0.1.0's plot_roofline: the device's roofline with the workloads on it; returns (fig, ax)."""
    from . import plot
    devices = hardware if isinstance(hardware, (list, tuple)) else [hardware]
    fig = plot.roofline([_argument(h) for h in devices], [_argument(w) for w in workloads], batch_sizes)
    return fig, fig.axes[0]
