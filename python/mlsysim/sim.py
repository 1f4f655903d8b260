"""0.1.0's `mlsysim.sim`: lab personas and the resource simulation that runs a scenario at a
persona's scale into a system ledger (registry/scenarios/ledger.hpp does the arithmetic).

    ledger = sim.ResourceSimulation(Scenarios.Chatbot, sim.Personas.get("cloud")).evaluate(
        {"region": "Quebec", "duration_days": 365})
    ledger.economics.tco_usd, ledger.to_dict()
"""

from __future__ import annotations

from . import _compat_zoo
from ._compat_system import ResourceSimulation, SystemLedger  # noqa: F401

Persona = _compat_zoo.Entry


class _Personas:
    """The four personas by name (`Personas.CloudTitan`) and 0.1.0's `get(key)`: cloud, edge,
    mobile or tiny, anything else the Cloud Titan."""

    def __getattr__(self, name):
        return getattr(_compat_zoo.Personas, name)

    def __dir__(self):
        return dir(_compat_zoo.Personas)

    def get(self, key: str):
        try:
            return getattr(_compat_zoo.Personas, key)
        except AttributeError:
            return _compat_zoo.Personas.CloudTitan


Personas = _Personas()
__all__ = ["Persona", "Personas", "ResourceSimulation", "SystemLedger"]
