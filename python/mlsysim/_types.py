"""Values mlsysim hands back: quantities with units, results, errors."""

from __future__ import annotations


class Quantity(float):
    """A float in base units (s, B, flop/s, B/s, J, W, ...) that knows its unit.

    >>> q = Quantity(0.0078, "s"); q.to("ms")
    7.8
    """

    __slots__ = ("unit",)

    def __new__(cls, value: float, unit: str):
        q = super().__new__(cls, value)
        q.unit = unit
        return q

    def to(self, unit: str) -> float:
        """The value in `unit` ("ms", "GB/s", "TFLOP/s"); a unit of another dimension raises BadInput."""
        from mlsysim import _mlsysim
        return _mlsysim.convert(float(self), self.unit, unit)

    def __repr__(self) -> str:
        return f"Quantity({float(self)!r}, {self.unit!r})"

    def __str__(self) -> str:
        return f"{float(self):.4g} {self.unit}"

    def __reduce__(self):
        return (Quantity, (float(self), self.unit))


class Error(Exception):
    """An mlsysim error: `code` (bad_input, unknown_name, infeasible, plugin, internal), `field`, `message`."""

    def __init__(self, code: str, field: str | None, message: str):
        super().__init__(f"[{field}] {message}" if field else message)
        self.code, self.field, self.message = code, field, message


class BadInput(Error, ValueError):
    """An input was refused (wrong kind, unit or range); `field` names it."""


class UnknownName(Error, LookupError):
    """A solver, zoo id or port that does not exist; the message suggests the nearest names."""


class Infeasible(Error):
    """The workload cannot run (only with raise_errors=True)."""


class PluginError(Error):
    """A plugin misbehaved or could not be registered."""


_ERRORS = {"bad_input": BadInput, "unknown_name": UnknownName, "infeasible": Infeasible,
           "plugin": PluginError}


def _raise(code: str, field: str | None, message: str):
    raise _ERRORS.get(code, Error)(code, field, message)


class Result:
    """One solve: `outputs` (a dict; quantities are Quantity), `warnings`, `notes`, `solver` (full name).

    `notes` say when a figure was decided by a rule the variant keeps on purpose (MLSys·im 0.1.0's
    offload of a model that does not fit, a zero storage supply, decode without a compute term);
    they are apart from `warnings`, which parity with 0.1.0 compares.
    Outputs read as attributes or items: ``r.latency``, ``r["latency"]``.
    """

    def __init__(self, solver: str, outputs: dict, warnings: list[str], notes: list[str] | None = None):
        self.solver, self.outputs, self.warnings, self.notes = solver, outputs, warnings, list(notes or [])

    def __getattr__(self, name: str):
        try:
            return self.__dict__["outputs"][name]
        except KeyError:
            raise AttributeError(f"{self.__dict__.get('solver')} has no output '{name}'") from None

    def __getitem__(self, name: str):
        return self.outputs[name]

    def __iter__(self):
        return iter(self.outputs)

    def to_dict(self) -> dict:
        """Outputs as plain floats in base units (and strings, bools)."""
        return {k: float(v) if isinstance(v, Quantity) else v for k, v in self.outputs.items()}

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in list(self.outputs.items())[:6])
        return f"<Result {self.solver}: {shown}, ...>"
