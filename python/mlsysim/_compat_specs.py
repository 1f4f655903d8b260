"""MLSys·im 0.1.0's spec types: `HardwareNode`, `Workload`, `TransformerWorkload`, `CNNWorkload`,
`Fleet`, `Node`, `NetworkFabric`, `DeploymentTier` (and the parts `ComputeCore`,
`MemoryHierarchy`, `Interconnect`). Each is built from keyword fields as 0.1.0's are, reads back
with quantities (``hw.memory.bandwidth.to("TB/s")``), and goes anywhere a zoo entry goes
(`Engine.solve(model=my_model, hardware=my_gpu)`, `mlsysim.solve(...)`), as the zoo file it
would be:

    gpu = HardwareNode(name="My GPU", compute=ComputeCore(peak_flops=Q_(400, "TFLOPs/s")),
                       memory=MemoryHierarchy(capacity=Q_(96, "GB"), bandwidth=Q_(4, "TB/s")))
"""

from __future__ import annotations

from . import _compat_zoo, _types
from .units import Quantity


def _zoo_form(value):
    """A field as a zoo file writes it: quantities as "value unit", entries as ids or objects."""
    if isinstance(value, (Quantity, _types.Quantity)):
        magnitude, unit = (value.magnitude, value.units) if isinstance(value, Quantity) else (float(value), value.unit)
        # A count of parameters is a plain number in a zoo file.
        return float(Quantity(magnitude, unit).m_as("param")) if unit.endswith("param") else \
            f"{magnitude!r} {unit}" if unit else float(magnitude)
    if isinstance(value, _compat_zoo.Entry):
        return value.spec["id"] if value.from_zoo else value.spec
    if isinstance(value, _compat_zoo._Namespace):
        return {k: _zoo_form(v) for k, v in value.__dict__["_fields"].items()}
    if isinstance(value, dict):
        return {k: _zoo_form(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_zoo_form(v) for v in value]
    return value


class _Spec(_compat_zoo.Entry):
    kind = ""
    fixed: dict = {}  # fields the type itself decides (a transformer's class)

    def __init__(self, **fields):
        spec = {k: _zoo_form(v) for k, v in fields.items()}
        spec.update(self.fixed)
        spec.setdefault("name", "inline")
        spec.setdefault("id", spec["name"])
        super().__init__(self.kind, spec, from_zoo=False)


class HardwareNode(_Spec):
    """One accelerator: name, compute (peak_flops, precision_flops), memory (capacity, bandwidth),
    and optionally interconnect, tdp, unit_cost_usd, dispatch_tax, release_year."""
    kind = "hardware"


class Workload(_Spec):
    """A model by its totals: name, parameters, inference_flops (architecture, layers optional)."""
    kind = "model"


class TransformerWorkload(Workload):
    """A transformer: parameters, layers, hidden_dim, heads, kv_heads (inference_flops optional)."""
    fixed = {"class": "transformer"}

    def __init__(self, **fields):
        fields.setdefault("architecture", "Transformer")
        super().__init__(**fields)


class CNNWorkload(Workload):
    """A convolutional network: parameters, inference_flops, layers."""
    fixed = {"class": "cnn"}

    def __init__(self, **fields):
        fields.setdefault("architecture", "CNN")
        super().__init__(**fields)


class NetworkFabric(_Spec):
    """A network: name, bandwidth, latency, topology, oversubscription."""
    kind = "fabric"


class Node(_Spec):
    """A server: accelerator, accelerators_per_node, intra_node_bandwidth, NICs."""
    kind = "node"


class Fleet(_Spec):
    """A cluster: node, count, fabric."""
    kind = "fleet"


class DeploymentTier(_Spec):
    """A deployment tier: RAM, storage, typical latency budget."""
    kind = "tier"


def _part(doc: str):
    def build(**fields):
        return _compat_zoo._Namespace(dict(fields))
    build.__doc__ = doc
    return build


ComputeCore = _part("A device's compute: peak_flops and precision_flops {precision: FLOP/s}.")
MemoryHierarchy = _part("A device's memory: capacity and bandwidth.")
Interconnect = _part("A device's link: name and bandwidth.")
