"""MLSys·im 0.1.0's evaluation and simulation names over mlsysim's scorecards and ledger:
`Scenario` (every `Scenarios.X` is one: `.evaluate()`, `.validate_scenario()`), `SystemEvaluator`,
`SystemEvaluation` and its `EvaluationLevel`s, `SimulationConfig`/`load_config`, and `mlsysim.sim`'s
`ResourceSimulation`, `Personas` and `SystemLedger`. The figures are the C++ scorecard's and ledger's
(registry/scenarios); this module only gives them 0.1.0's shapes.
"""

from __future__ import annotations

import unicodedata

from . import _compat_zoo, _types
from ._compat_resolvers import _argument, _result_value
from .units import Quantity


class EvaluationLevel:
    """One level of a scorecard: level_name, status ("PASS"/"FAIL"/"SKIPPED"), summary, metrics."""

    def __init__(self, level_name: str, status: str, summary: str, metrics: dict):
        self.level_name, self.status, self.summary, self.metrics = level_name, status, summary, metrics

    def __repr__(self):
        return f"EvaluationLevel({self.level_name!r}, {self.status!r}, {self.summary!r})"


_MARK = {"PASS": "✅", "FAIL": "❌", "SKIPPED": "⚠️"}
_WIDTH = 60


class SystemEvaluation:
    """A three-level scorecard (feasibility, performance, macro) as 0.1.0's SystemEvaluation."""

    def __init__(self, card: dict):
        self.scenario_name = card["subject"]
        self.warnings = list(card["warnings"])
        self._figures = {k: _result_value(v) for k, v in card["figures"].items()}
        levels = [EvaluationLevel(level["name"], level["verdict"], level["summary"],
                                  {k: v for k, v in self._figures.items() if k.startswith(prefix)})
                  for level, prefix in zip(card["levels"], ("f_", "p_", "m_"))]
        self.feasibility, self.performance, self.macro = levels
        self.passed_all = bool(card["passed_all"])

    def to_dict(self) -> dict:
        """The flat form: scenario, f_status, p_status, m_status and each level's figures."""
        return dict(self._figures)

    def scorecard(self) -> str:
        """The boxed text 0.1.0 prints: a line per level with its mark, and its summary under it."""
        rule = "═" * (_WIDTH - 2)
        lines = [f"╔{rule}╗", _boxed(f"SYSTEM EVALUATION: {self.scenario_name}"), f"╠{rule}╣"]
        for i, level in enumerate((self.feasibility, self.performance, self.macro), 1):
            if i > 1:
                lines.append(f"╟{'-' * (_WIDTH - 2)}╢")
            lines.append(_boxed(f"Level {i}: {level.level_name} [{level.status}] {_MARK.get(level.status, '')}"))
            lines.append(_boxed(f"  ↳ {level.summary}"))
        lines.append(f"╚{rule}╝")
        return "\n".join(lines)

    def __repr__(self):
        return (f"SystemEvaluation({self.scenario_name!r}: {self.feasibility.status}/"
                f"{self.performance.status}/{self.macro.status})")


def _display_width(text: str) -> int:
    """Terminal cells: wide characters (✅, ❌) take two, combining marks and variation selectors none."""
    return sum(0 if unicodedata.combining(c) or 0xFE00 <= ord(c) <= 0xFE0F
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _boxed(text: str) -> str:
    return f"║ {text}{' ' * max(0, _WIDTH - 4 - _display_width(text))} ║"


class Scenario(_compat_zoo.Entry):
    """0.1.0's Scenario. Every `Scenarios.X` is one; write your own with
    ``Scenario(name="My Bot", workload=Models.Llama3_8B, system=Hardware.H100, sla_latency=Q_(200, "ms"))``
    (a `system` that is a fleet, `Systems.Clusters.X`, makes a fleet scenario)."""

    def __init__(self, kind: str | None = None, spec: dict | None = None, **fields):
        if spec is None:
            super().__init__("scenario", _scenario_spec(fields), from_zoo=False)
        else:
            super().__init__("scenario", spec)

    def _target(self):
        """The zoo id for a zoo scenario, else the scenario written out as a zoo entry."""
        return _argument(self)

    def evaluate(self, batch_size: int = 1, precision: str = "fp16", efficiency: float = 0.5) -> SystemEvaluation:
        from . import _mlsysim
        return SystemEvaluation(_mlsysim.evaluate(self._target(), None, batch_size, precision, efficiency,
                                                  None, 1, None))

    def validate_scenario(self, batch_size: int = 1, precision: str = "fp16", efficiency: float = 0.5) -> dict:
        """{"status": "Validated", "memory_utilization"}; raises Infeasible when the weights (and a
        512-token KV cache) do not fit one accelerator, or the latency misses the SLA."""
        from . import _mlsysim
        utilisation = _mlsysim.validate_scenario(self._target(), batch_size, precision, efficiency)
        return {"status": "Validated", "memory_utilization": utilisation}


def _scenario_spec(fields: dict) -> dict:
    spec = {"id": fields.get("name", "inline"), "name": fields.get("name", "inline")}
    for key in ("description", "sla_latency", "power_budget"):
        if fields.get(key) is not None:
            spec[key] = _argument(fields[key])
    spec["workload"] = _argument(fields["workload"])
    system = fields["system"]
    spec["fleet" if getattr(system, "kind", "") == "fleet" else "hardware"] = _argument(system)
    return spec


_compat_zoo.ENTRY_TYPES["scenario"] = Scenario


class SystemEvaluator:
    """0.1.0's SystemEvaluator: a model on a device (feasible when it fits), or with a fleet and
    nodes > 1 distributed, `nodes` being the tensor-parallel degree (0.1.0's quirk), priced over
    `duration_days` when given."""

    @staticmethod
    def evaluate(name: str, model, hardware, batch_size: int = 1, precision: str = "fp16",
                 efficiency: float = 0.5, fleet=None, nodes: int = 1, duration_days: float | None = None
                 ) -> SystemEvaluation:
        from . import _mlsysim
        card = _mlsysim.evaluate(_argument(model), _argument(hardware), batch_size, precision, efficiency,
                                 _argument(fleet), nodes, duration_days)
        card["subject"] = name
        return SystemEvaluation(card)


def plot_evaluation_scorecard(evaluation: SystemEvaluation):
    """0.1.0's scorecard chart: demand against supply for memory (weights vs capacity) and time
    (latency vs the SLA), each bar coloured by its level's verdict; returns (fig, ax)."""
    import matplotlib.pyplot as plt
    f = evaluation.to_dict()
    pairs = [("Memory (GB)", f.get("f_weight_size"), f.get("f_capacity"), evaluation.feasibility.status, "GB"),
             ("Latency (ms)", f.get("p_latency"), f.get("p_sla_latency"), evaluation.performance.status, "ms")]
    shown = [(label, demand.m_as(unit), supply.m_as(unit) if supply is not None else None, status)
             for label, demand, supply, status, unit in pairs if isinstance(demand, Quantity)]
    fig, ax = plt.subplots(figsize=(6, 1.2 + 0.9 * len(shown)))
    for i, (label, demand, supply, status) in enumerate(shown):
        ax.barh(i + 0.2, demand, height=0.35, color="#2a9d8f" if status == "PASS" else "#e76f51",
                label="demand" if i == 0 else None)
        if supply is not None:
            ax.barh(i - 0.2, supply, height=0.35, color="#bbbbbb", label="supply" if i == 0 else None)
    ax.set_yticks(range(len(shown)), [s[0] for s in shown])
    ax.set_xscale("log")
    ax.set_title(f"{evaluation.scenario_name}: {'all levels pass' if evaluation.passed_all else 'fails a level'}")
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    return fig, ax


class SimulationConfig:
    """0.1.0's simulation config: model, hardware (required), batch_size 1, precision "fp16",
    efficiency 0.5, fleet_size 1, fabric "100GbE", region "US_Avg", duration_days 30.0."""

    _DEFAULTS = {"batch_size": 1, "precision": "fp16", "efficiency": 0.5, "fleet_size": 1,
                 "fabric": "100GbE", "region": "US_Avg", "duration_days": 30.0}

    def __init__(self, model: str, hardware: str, **options):
        self.model, self.hardware = model, hardware
        for key, default in self._DEFAULTS.items():
            setattr(self, key, options.get(key, default))  # other keys are ignored, as in 0.1.0


def load_config(config: dict) -> SimulationConfig:
    """A SimulationConfig from a dict; refuses a model whose weights exceed the device's memory."""
    for key in ("model", "hardware"):
        if not isinstance(config.get(key), str):
            raise _types.BadInput("bad_input", key, f"{key}: a zoo name is required")
    c = SimulationConfig(**config)
    import mlsysim
    model, device = mlsysim.models(c.model), mlsysim.hardware(c.hardware)
    weights = mlsysim.solve("roofline", model=c.model, hardware=c.hardware, batch_size=c.batch_size,
                            precision=c.precision).memory_footprint
    capacity = device["memory_capacity"]
    if float(weights) > float(capacity):
        raise _types.Infeasible("infeasible", "model", (
            f"Configuration Infeasible: {model['id']} weights ({Quantity(float(weights), 'B').to('GB'):~}) "
            f"exceed {device['id']} capacity ({Quantity(float(capacity), 'B').to('GB'):~})."))
    return c


class SystemLedger:
    """A ResourceSimulation's ledger: mission, track, choice_summary, and the performance,
    sustainability, economics and reliability sections (dicts of quantities and numbers)."""

    def __init__(self, ledger: dict):
        self.mission, self.track, self.choice_summary = ledger["mission"], ledger["track"], ledger["choice_summary"]
        for section in ("performance", "sustainability", "economics", "reliability"):
            setattr(self, section, _compat_zoo._Namespace(
                {k: _result_value(v) for k, v in ledger[section].items()}))
        self._summary = dict(ledger["summary"])
        self.warnings = list(ledger["warnings"])

    def to_dict(self) -> dict:
        """latency_ms, throughput_sps, mfu_pct, carbon_kg, tco_usd, goodput_pct."""
        return dict(self._summary)

    def to_df(self):
        import pandas as pd
        return pd.DataFrame([self.to_dict()])


class ResourceSimulation:
    """A scenario at a persona's scale: ``ResourceSimulation(Scenarios.Chatbot, Personas.cloud)
    .evaluate({"region": "Quebec", "duration_days": 365})`` gives the SystemLedger."""

    def __init__(self, scenario, persona):
        self.scenario, self.persona = scenario, persona

    def evaluate(self, choice: dict | None = None) -> SystemLedger:
        from . import _mlsysim
        choice = choice or {}
        scenario = self.scenario._target() if isinstance(self.scenario, Scenario) else _argument(self.scenario)
        return SystemLedger(_mlsysim.simulate(scenario, _argument(self.persona), choice.get("region", "US_Avg"),
                                              float(choice.get("duration_days", 365.0))))
