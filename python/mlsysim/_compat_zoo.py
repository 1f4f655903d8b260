"""MLSys·im 0.1.0's registries over mlsysim's zoo: `Models.Language.Llama3_8B`,
`Hardware.Cloud.A100` (and the flat `Hardware.A100`), `Systems.Clusters.Research_256`,
`Infra.Grids.Quebec`, `Scenarios.ChatbotServing`. Entries are read-only views whose
quantities are `units.Quantity` in the unit the zoo file wrote ("312.0 TFLOPs/s"), so
``Hardware.A100.compute.peak_flops.to("TFLOPs/s").magnitude`` is 312.0 as in 0.1.0.
"""

from __future__ import annotations

import json
import re

from .units import Quantity

_QUANTITY = re.compile(r"^\s*([-+0-9.eE]+)\s+(\S.*)$")


def _written(value):
    """A zoo file's value as 0.1.0 holds it: "80 GiB" -> Quantity(80, "GiB")."""
    if isinstance(value, str):
        m = _QUANTITY.match(value)
        if m:
            try:
                return Quantity(float(m.group(1)), m.group(2))
            except Exception:  # not a unit mlsysim knows: keep the text
                return value
    if isinstance(value, dict) and set(value) == {"value", "unit"}:
        return Quantity(value["value"], value["unit"])
    if isinstance(value, dict):
        return _Namespace({k: _written(v) for k, v in value.items()})
    return value


class _Namespace:
    """Attribute access over a mapping (a zoo entry's nested objects)."""

    def __init__(self, fields: dict):
        self.__dict__["_fields"] = fields

    def __getattr__(self, name):
        try:
            return self.__dict__["_fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise AttributeError("zoo entries are read-only; build a spec dict for mlsysim.solve instead")

    def __getitem__(self, name):
        return self.__dict__["_fields"][name]

    def keys(self):
        return self.__dict__["_fields"].keys()

    def __repr__(self):
        return repr(self.__dict__["_fields"])


class Entry(_Namespace):
    """One zoo entry: its fields as the zoo file writes them, its `id`, and `spec` (mlsysim's dict)."""

    def __init__(self, kind: str, spec: dict, from_zoo: bool = True):
        source = spec.get("source") if from_zoo else None
        written = {}
        if source:
            try:
                with open(source, encoding="utf-8") as f:
                    written = json.load(f)
            except OSError:
                written = {}
        # A zoo entry reads back as its file wrote it; one built in Python from its own fields.
        fields = {k: _written(v) for k, v in (written if from_zoo else spec).items()} or dict(spec)
        fields.setdefault("id", spec.get("id"))
        fields.setdefault("name", spec.get("name", spec.get("id")))
        if kind == "model" and isinstance(spec.get("parameters"), (int, float)):
            fields["parameters"] = Quantity(spec["parameters"], "param")
        super().__init__(fields)
        self.__dict__["kind"] = kind
        self.__dict__["spec"] = spec
        self.__dict__["from_zoo"] = from_zoo  # passed on by id; one built in Python, as its zoo file

    def ridge_point(self) -> Quantity:
        """Peak FLOP/s over memory bandwidth, in flop/B (hardware)."""
        return (self.compute.peak_flops / self.memory.bandwidth).to("flop/B")

    def __repr__(self):
        return f"<{self.kind} {self.id}: {self.name}>"


# The class of a kind's entries where it has its own methods (scenarios: _compat_system).
ENTRY_TYPES: dict = {}


def _entries(kind: str):
    import mlsysim
    entry_type = ENTRY_TYPES.get(kind, Entry)
    return [entry_type(kind, spec) for spec in mlsysim._mlsysim.zoo(kind)]


class _Registry:
    """Categories (each a namespace of entries) and flat names, built on first use."""

    def __init__(self, build):
        self.__dict__["_build"] = build
        self.__dict__["_names"] = None

    def _load(self) -> dict:
        if self.__dict__["_names"] is None:
            self.__dict__["_names"] = self.__dict__["_build"]()
        return self.__dict__["_names"]

    def __getattr__(self, name):
        names = self._load()
        if name in names:
            return names[name]
        raise AttributeError(f"no '{name}' here (known: {', '.join(sorted(names))})")

    def __dir__(self):
        return sorted(self._load())


def _by_names(entries) -> dict:
    out = {}
    for e in entries:
        for n in [e.spec.get("id")] + list(e.spec.get("aliases") or []):
            out.setdefault(n, e)
    return out


def _by_category(entries, extra: dict | None = None) -> dict:
    groups: dict = {}
    for e in entries:
        groups.setdefault(e.spec.get("category") or "Other", []).append(e)
    names = {cat: _Registry(lambda es=es: _by_names(es)) for cat, es in groups.items()}
    names.update(extra or {})
    names.update(_by_names(entries))
    return names


Models = _Registry(lambda: _by_category(_entries("model")))
Hardware = _Registry(lambda: _by_category(_entries("hardware"),
                                          {"Networks": _Registry(lambda: _by_names(_entries("fabric")))}))
Tiers = _Registry(lambda: _by_names(_entries("tier")))
Systems = _Registry(lambda: {"Tiers": Tiers, "Nodes": _Registry(lambda: _by_names(_entries("node"))),
                             "Clusters": _Registry(lambda: _by_names(_entries("fleet"))),
                             "Fabrics": _Registry(lambda: _by_names(_entries("fabric"))),
                             **_by_names(_entries("tier"))})
Grids = _Registry(lambda: _by_names(_entries("grid")))
Infra = _Registry(lambda: {"Grids": Grids, "Racks": _Registry(lambda: _by_names(_entries("rack"))),
                           **_by_names(_entries("grid"))})
Scenarios = _Registry(lambda: _by_names(_entries("scenario")))
Applications = Scenarios
Archetypes = Scenarios
Personas = _Registry(lambda: _by_names(_entries("persona")))
