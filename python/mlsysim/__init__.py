"""mlsysim: predict how ML workloads perform on hardware, from first principles.

The same registry and plugins as the `mlsysim` command:

    import mlsysim
    r = mlsysim.solve("roofline", model="ResNet50", hardware="A100", batch_size=1)
    r.latency.to("ms"), r.bottleneck
    df = mlsysim.sweep("roofline", over={"model": ["ResNet50", "GPT2"], "batch_size": [1, 2, 4]},
                       set={"hardware": "H100"})
"""

from __future__ import annotations

import os
import re
from typing import Any, Callable, Iterable, Mapping

from . import _mlsysim, plot  # noqa: F401
from . import core, units  # noqa: F401  (0.1.0's names: below)
from ._compat_resolvers import RESOLVERS as _RESOLVERS, Engine, PerformanceProfile, plot_roofline  # noqa: F401
from ._compat_zoo import (Applications, Archetypes, Hardware, Infra, Models, Scenarios, Systems,  # noqa: F401
                          Tiers)
from ._compat_zoo import Grids as _compat_zoo_Grids
from ._compat_specs import (CNNWorkload, ComputeCore, DeploymentTier, Fleet, HardwareNode, Interconnect,  # noqa: F401
                            MemoryHierarchy, NetworkFabric, Node, TransformerWorkload, Workload)
from ._compat_system import (EvaluationLevel, Scenario, SimulationConfig, SystemEvaluation,  # noqa: F401
                             SystemEvaluator, load_config, plot_evaluation_scorecard)
from . import show, sim  # noqa: F401
from .units import ureg  # noqa: F401
from ._types import (BadInput, Error, Infeasible, PluginError, Quantity, Result,  # noqa: F401
                     UnknownName)

__version__ = _mlsysim.__version__
__all__ = ["solve", "sweep", "pipeline", "solvers", "hardware", "models", "fleets", "nodes", "fabrics", "grids",
           "datacenters", "racks", "tiers", "scenarios", "personas", "evaluate", "walls", "plugins", "register",
           "score", "load", "Quantity", "Result", "Error", "BadInput", "UnknownName", "Infeasible",
           "PluginError",
           # MLSys·im 0.1.0's names, a compatibility layer over the above (README: Python).
           "Engine", "PerformanceProfile", "Models", "Hardware", "Systems", "Infra", "Tiers", "Scenarios",
           "Applications", "Archetypes", "ureg", "plot_roofline", "core", "constants", "units", "Scenario",
           "SystemEvaluator", "SystemEvaluation", "SimulationConfig", "load_config", "HardwareNode", "Workload",
           "TransformerWorkload", "CNNWorkload", "Fleet", "Node", "NetworkFabric", "DeploymentTier",
           "plot_evaluation_scorecard", "show", "sim", "infra", "systems", "viz"]
constants = core.constants
globals().update(_RESOLVERS)


def load(plugin_paths: Iterable[str | os.PathLike] = ()) -> None:
    """(Re)load plugins: the install's own, then `plugin_paths`, then $MLSYSIM_PLUGIN_PATH.

    Called on first use with no extra paths; Python-registered solvers are dropped.
    """
    _mlsysim.load([os.fspath(p) for p in plugin_paths])


def solve(solver: str, /, **inputs: Any) -> Result:
    """Solve one case: ``solve("roofline", model="GPT2", hardware="A100")`` or ``"roofline:calibrated"``.

    Inputs take numbers (quantities in base units), unit strings ("3 GB/s"), Quantity,
    zoo ids, or dicts in the zoo file format for hardware and models.
    Raises BadInput / UnknownName / Infeasible (an Error with `code` and `field`).
    """
    name, outputs, warnings, notes = _mlsysim.solve(solver, inputs)
    return Result(name, outputs, warnings, notes)


def _axis_text(values: Any) -> str:
    if isinstance(values, str):
        return values  # a range ("1..64:*2"), "*", or "@file"
    if isinstance(values, range):
        values = list(values)
    if not values:
        raise BadInput("bad_input", None, "a sweep axis needs at least one value")
    return ",".join(v if isinstance(v, str) else repr(v) if isinstance(v, float) else str(v) for v in values)


def _pareto(pareto: Mapping[str, str] | None) -> list[tuple[str, bool]]:
    out = []
    for name, sense in (pareto or {}).items():
        if sense not in ("min", "max"):
            raise BadInput("bad_input", "pareto", f"pareto[{name!r}]: got {sense!r}, expected 'min' or 'max'")
        out.append((name, sense == "max"))
    return out


def _frame(columns: list):
    import pandas as pd
    data, units = {}, {}
    for name, kind, array, categories, unit in columns:
        data[name] = pd.Categorical.from_codes(array, categories) if kind == "category" else array
        if unit:
            units[name] = unit
    df = pd.DataFrame(data, copy=False)
    df.attrs["units"] = units  # base units of the quantity columns
    return df


def sweep(solver: str, over: Mapping[str, Any], set: Mapping[str, Any] | None = None, *,
          columns: Iterable[str] | None = None, where: str = "", top: int = 0, by: str = "",
          ascending: bool = False, pareto: Mapping[str, str] | None = None, jobs: int = 0,
          max_rows: float = 1e9):
    """Every combination of the `over` axes, as a pandas DataFrame: axis columns, then outputs.

    Axis values are lists (or ranges) or the CLI's text ("1..1024:*2", "*" for every zoo entry).
    Quantity columns are in base units (``df.attrs["units"]``). `where`, `top`/`by`/`ascending`
    and `pareto` ({"latency": "min", "throughput": "max"}) search as the CLI does.
    """
    over_list = [(name, _axis_text(values)) for name, values in over.items()]
    cols = _mlsysim.sweep(solver, over_list, dict(set or {}), list(columns or []), where, top, by, ascending,
                          _pareto(pareto), jobs, max_rows)
    return _frame(cols)


def pipeline(spec: Mapping[str, Any] | str | os.PathLike, *, set: Mapping[str, Any] | None = None,
             sweep: Mapping[str, Iterable[Any]] | None = None, where: str = "", top: int = 0, by: str = "",
             ascending: bool = False, pareto: Mapping[str, str] | None = None, jobs: int = 0):
    """Run a pipeline (a dict in the pipeline file format, or a path) over its sweep, as a DataFrame."""
    spec_arg = spec if isinstance(spec, Mapping) else os.fspath(spec)
    sweeps = {k: list(v) for k, v in (sweep or {}).items()}
    cols = _mlsysim.pipeline(spec_arg, dict(set or {}), sweeps, where, top, by, ascending, _pareto(pareto), jobs)
    return _frame(cols)


def solvers() -> list[dict]:
    """Every loaded variant: name, contract, variant, default, doc, library, inputs and outputs (ports)."""
    return _mlsysim.solvers()


def hardware(id: str | None = None):
    """The hardware zoo as a list of spec dicts, or one device's spec (by id or alias)."""
    return _mlsysim.spec("hardware", id) if id is not None else _mlsysim.zoo("hardware")


def models(id: str | None = None):
    """The model zoo as a list of spec dicts, or one model's spec (by id or alias)."""
    return _mlsysim.spec("model", id) if id is not None else _mlsysim.zoo("model")


def fleets(id: str | None = None):
    """The zoo's clusters as a list of spec dicts (node, count, fabric), or one fleet by id or alias."""
    return _zoo_entries("fleet", id)


def nodes(id: str | None = None):
    """The zoo's nodes (an accelerator, how many per node, intra-node bandwidth, NICs, PSUs)."""
    return _zoo_entries("node", id)


def fabrics(id: str | None = None):
    """The zoo's network fabrics (bandwidth, latency, topology, oversubscription)."""
    return _zoo_entries("fabric", id)


def grids(id: str | None = None):
    """The zoo's regional grids (carbon intensity, PUE, WUE, electricity price)."""
    return _zoo_entries("grid", id)


def datacenters(id: str | None = None):
    """The zoo's datacenters (a grid and its PUE override)."""
    return _zoo_entries("datacenter", id)


def racks(id: str | None = None):
    """The zoo's rack profiles (power in kW, cooling): descriptive, read by no solver."""
    return _zoo_entries("rack", id)


def tiers(id: str | None = None):
    """The zoo's deployment tiers (RAM, storage, typical latency budget): descriptive, read by no solver."""
    return _zoo_entries("tier", id)


def scenarios(id: str | None = None):
    """MLSys·im's named scenarios: a workload, the system it runs on, its SLA (and power budget)."""
    return _zoo_entries("scenario", id)


def personas(id: str | None = None):
    """The lab personas (cloud, edge, mobile, tiny) whose scale turns one device into a fleet."""
    return _zoo_entries("persona", id)


def evaluate(target: str | Mapping, hardware: str | Mapping | None = None, *, batch_size: int = 1,
             precision: str = "fp16", efficiency: float = 0.5, fleet: str | None = None, nodes: int = 1,
             duration_days: float | None = None) -> dict:
    """MLSys·im's three-level scorecard, as `mlsysim eval` prints it.

    `evaluate("ChatbotServing")` scores a scenario (Scenario.evaluate); `evaluate("Llama3_8B", "H100")`
    a model on a device (SystemEvaluator.evaluate; with `fleet` and `nodes` > 1 distributed, nodes
    being the TP degree as in 0.1.0, and priced over `duration_days`). Returns {"subject", "levels":
    [{"name", "verdict", "summary"}], "figures" (the flat form), "passed_all", "warnings"}.
    """
    return _mlsysim.evaluate(target, hardware, batch_size, precision, efficiency, fleet, nodes, duration_days)


def walls() -> list[dict]:
    """MLSys·im's 22 walls: number, name, domain, MLSys·im's resolver, constraint, contracts modelling it."""
    return _mlsysim.walls()


def _zoo_entries(kind: str, id: str | None):
    return _mlsysim.spec(kind, id) if id is not None else _mlsysim.zoo(kind)


def plugins() -> list[dict]:
    """One report per plugin file looked at: path, loaded, reason (if refused), solvers."""
    return _mlsysim.plugins()


def register(solver: str, fn: Callable[[dict], dict] | None = None, *, ports: Mapping | None = None,
             base: str = "", doc: str = ""):
    """Register a Python function as the solver "contract:variant"; usable as a decorator.

    `fn(inputs)` gets every input (defaults filled in; hardware and model as spec dicts,
    quantities as Quantity) and returns a dict of outputs (base-unit floats or unit strings).
    For a known contract the ports are its own; a new contract needs
    ``ports={"inputs": {name: (kind_or_unit, default, doc)}, "outputs": {name: (kind_or_unit, doc)}}``.
    `base` ("roofline") supplies, from that C++ variant, every output `fn` leaves out.
    """
    if ":" not in solver:
        raise BadInput("bad_input", "solver", f"'{solver}': name a variant, as contract:variant")
    contract, variant = solver.split(":", 1)
    for part in (contract, variant):  # the registry's rule for names, checked before anything else
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,63}", part):
            raise BadInput("bad_input", "solver", f"{solver!r}: {part!r} is not a name (an ASCII letter, then "
                                                  f"letters, digits or '_', at most 64 characters)")

    def add(f):
        if not callable(f):
            raise BadInput("bad_input", "fn", f"'{solver}': the solver must be a function of the inputs dict, "
                                              f"not a {type(f).__name__}")
        _mlsysim.register(contract, variant, f, ports, doc or (f.__doc__ or "").strip(), base)
        return f
    return add(fn) if fn is not None else add


class ScoreReport:
    """`cases`: one row per case and solver (predicted, measured, signed error);
    `summary`: per solver n, failures, mape, median_ape, bias, within_15/30 (fractions)."""

    def __init__(self, cases, summary):
        self.cases, self.summary = cases, summary

    def __repr__(self) -> str:
        return repr(self.summary)


def score(cases: str | os.PathLike, solvers: Iterable[str] = (), *, bench: bool = False) -> ScoreReport:
    """Score variants on a measured-case file (as `mlsysim score`), e.g. zoo/measured/corpus.jsonl.

    `solvers` empty: every loaded variant of each contract in the file. `bench`: adds ns_per_solve.
    """
    import pandas as pd
    rows, summary = _mlsysim.score(os.fspath(cases), list(solvers), bench)
    return ScoreReport(pd.DataFrame(rows), pd.DataFrame(summary))


def import_hf_model(config: str | os.PathLike | Mapping, name: str | None = None) -> Workload:
    """MLSys·im's import_hf_model, offline: the transformer estimated from a Hugging Face
    `config.json` (a path to the file or to a directory holding it, or the dict already read).
    `name` defaults to the directory's name (0.1.0: the part of the model id after the last '/')."""
    import json
    if isinstance(config, Mapping):
        data, default_name = dict(config), "imported"
    else:
        path = os.fspath(config)
        if os.path.isdir(path):
            path = os.path.join(path, "config.json")
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        default_name = os.path.basename(os.path.dirname(os.path.abspath(path))) or "imported"
    spec = _mlsysim.model_from_hf(data, name or default_name)
    return TransformerWorkload(**{k: v for k, v in spec.items() if k not in ("class", "id", "provenance")})


# 0.1.0's submodules. `mlsysim.models` and `mlsysim.hardware` stay this package's functions
# (`mlsysim.models()` lists the zoo) and also carry 0.1.0's names (`mlsysim.models.Models`,
# `from mlsysim.models import import_hf_model`).
def _submodule(name: str, doc: str, **names):
    import sys
    import types
    module = types.ModuleType(f"{__name__}.{name}", doc)
    module.__dict__.update(names)
    sys.modules[module.__name__] = module
    return module


models.Models, models.import_hf_model = Models, import_hf_model
hardware.Hardware, hardware.HardwareNode = Hardware, HardwareNode
for _function in (models, hardware):  # `from mlsysim.models import ...` finds the function's names
    __import__("sys").modules[f"{__name__}.{_function.__name__}"] = _function
infra = _submodule("infra", "0.1.0's mlsysim.infra: grids and racks.", Infra=Infra, Grids=_compat_zoo_Grids)
systems = _submodule("systems", "0.1.0's mlsysim.systems: tiers, nodes, clusters, fabrics.", Systems=Systems)
viz = _submodule("viz", "0.1.0's plots.", plot_roofline=plot_roofline,
                 plot_evaluation_scorecard=plot_evaluation_scorecard)
