"""0.1.0's `mlsysim.core`: the unit registry and `Q_` (also as `mlsysim.core.constants`, which
0.1.0's tutorials import `Q_` from), the resolver classes, the walls and the registries."""

from __future__ import annotations

import sys
import types

from . import _compat_resolvers, _compat_zoo
from .units import DimensionalityError, Q_, Quantity, ureg  # noqa: F401

constants = types.ModuleType(__name__ + ".constants", "0.1.0's constants module: the unit registry and Q_.")
constants.ureg, constants.Q_, constants.Quantity = ureg, Q_, Quantity
sys.modules[constants.__name__] = constants
units = constants
sys.modules[__name__ + ".units"] = constants

solver = types.ModuleType(__name__ + ".solver", "0.1.0's resolver classes (NetworkRooflineModel included).")
for _name, _cls in _compat_resolvers.RESOLVERS.items():
    setattr(solver, _name, _cls)
    globals()[_name] = _cls
sys.modules[solver.__name__] = solver

Models, Hardware, Systems, Infra, Tiers = (_compat_zoo.Models, _compat_zoo.Hardware, _compat_zoo.Systems,
                                           _compat_zoo.Infra, _compat_zoo.Tiers)
Scenarios, Applications = _compat_zoo.Scenarios, _compat_zoo.Applications


def wall(number: int) -> dict:
    """Wall `number` (1-22) of the taxonomy; KeyError outside, as 0.1.0."""
    import mlsysim
    for w in mlsysim.walls():
        if w["number"] == number:
            return w
    raise KeyError(number)


def walls_in_domain(domain: str) -> list[dict]:
    import mlsysim
    return [w for w in mlsysim.walls() if w["domain"] == str(domain).lower()]


def walls_for_resolver(name: str) -> list[dict]:
    """The walls of a resolver class by its 0.1.0 name ([] for optimizers and unknown names)."""
    import mlsysim
    return [w for w in mlsysim.walls() if w["mlsysim_class"] == name]
