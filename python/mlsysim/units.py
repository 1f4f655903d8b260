"""Quantities as MLSys·im 0.1.0's code uses them (pint's): a magnitude in a unit that
converts (`.to("ms")`, `.m_as("s")`, `.magnitude`), combines by multiplication and division,
and refuses adding seconds to joules. `ureg` and `Q_` stand in for 0.1.0's pint registry.

>>> Q_("500 KB").to("GB").magnitude
0.0005
"""

from __future__ import annotations

import math
import numbers


class DimensionalityError(TypeError, ValueError):
    """Two quantities of different dimensions were added, compared or converted."""


def _unit(text: str):
    from mlsysim import _mlsysim
    return _mlsysim.unit(text)


_DIMENSION_NAMES = ("[length]", "[mass]", "[time]", "[flop]", "[byte]")


def _describe(dims) -> str:
    parts = [f"{n}^{e}" if e != 1 else n for n, e in zip(_DIMENSION_NAMES, dims) if e]
    return " * ".join(parts) or "dimensionless"


class Quantity:
    """A magnitude and a unit, as pint's Quantity: ``Quantity(0.5, "ms")`` or ``Quantity("0.5 ms")``."""

    __slots__ = ("_magnitude", "_unit", "_factor", "_dims")

    def __init__(self, value, unit: str | None = None):
        if unit is None and isinstance(value, str):
            number, _, unit = value.strip().partition(" ")
            value = float(number)
        unit = (unit or "").strip()
        self._magnitude = value
        self._unit = unit
        self._factor, self._dims = _unit(unit) if unit else (1.0, (0, 0, 0, 0, 0))

    @classmethod
    def _make(cls, magnitude, unit: str, factor: float, dims):
        if not any(dims) and ("/" in unit or "*" in unit):  # ms / ms: a plain ratio, in no unit
            magnitude, unit, factor = magnitude * factor, "", 1.0
        q = cls.__new__(cls)
        q._magnitude, q._unit, q._factor, q._dims = magnitude, unit, factor, tuple(dims)
        return q

    # --- reading -------------------------------------------------------------------------
    @property
    def magnitude(self):
        return self._magnitude

    m = magnitude

    @property
    def units(self) -> str:
        return self._unit

    @property
    def dimensionless(self) -> bool:
        return not any(self._dims)

    def _base(self) -> float:
        return self._magnitude * self._factor

    def to(self, unit: str) -> "Quantity":
        factor, dims = _unit(unit)
        if tuple(dims) != self._dims:
            raise DimensionalityError(f"cannot convert from '{self._unit}' ({_describe(self._dims)}) to '{unit}' "
                                      f"({_describe(dims)})")
        return Quantity._make(self._base() / factor, unit, factor, dims)

    def m_as(self, unit: str) -> float:
        return self.to(unit).magnitude

    def to_base_units(self) -> "Quantity":
        return Quantity._make(self._base(), "", 1.0, self._dims) if self.dimensionless else self

    # --- arithmetic ------------------------------------------------------------------------
    def _same(self, other, what: str) -> "Quantity":
        if not isinstance(other, Quantity):
            if self.dimensionless and isinstance(other, numbers.Real):
                return Quantity._make(other / self._factor, self._unit, self._factor, self._dims)
            raise DimensionalityError(f"cannot {what} '{self._unit}' ({_describe(self._dims)}) and a plain number")
        if other._dims != self._dims:
            raise DimensionalityError(f"cannot {what} '{self._unit}' ({_describe(self._dims)}) and "
                                      f"'{other._unit}' ({_describe(other._dims)})")
        return other.to(self._unit) if self._unit else other

    def __add__(self, other):
        o = self._same(other, "add")
        return Quantity._make(self._magnitude + o._magnitude, self._unit, self._factor, self._dims)

    __radd__ = __add__

    def __sub__(self, other):
        o = self._same(other, "subtract")
        return Quantity._make(self._magnitude - o._magnitude, self._unit, self._factor, self._dims)

    def __rsub__(self, other):
        return (-self) + other

    def __neg__(self):
        return Quantity._make(-self._magnitude, self._unit, self._factor, self._dims)

    def __abs__(self):
        return Quantity._make(abs(self._magnitude), self._unit, self._factor, self._dims)

    def __mul__(self, other):
        if isinstance(other, Quantity):
            unit = f"{self._unit} * {other._unit}".strip(" *")
            dims = tuple(a + b for a, b in zip(self._dims, other._dims))
            return Quantity._make(self._magnitude * other._magnitude, unit, self._factor * other._factor, dims)
        if isinstance(other, numbers.Real):
            return Quantity._make(self._magnitude * other, self._unit, self._factor, self._dims)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Quantity):
            unit = f"{self._unit or '1'} / ({other._unit})" if other._unit else self._unit
            dims = tuple(a - b for a, b in zip(self._dims, other._dims))
            return Quantity._make(self._magnitude / other._magnitude, unit, self._factor / other._factor, dims)
        if isinstance(other, numbers.Real):
            return Quantity._make(self._magnitude / other, self._unit, self._factor, self._dims)
        return NotImplemented

    def __rtruediv__(self, other):
        if isinstance(other, numbers.Real):
            dims = tuple(-d for d in self._dims)
            return Quantity._make(other / self._magnitude, f"1 / ({self._unit})", 1.0 / self._factor, dims)
        return NotImplemented

    def __pow__(self, n: int):
        dims = tuple(d * n for d in self._dims)
        return Quantity._make(self._magnitude ** n, f"({self._unit})^{n}", self._factor ** n, dims)

    # --- comparison and conversion ----------------------------------------------------------
    def _cmp(self, other) -> tuple[float, float]:
        o = self._same(other, "compare")
        return self._magnitude, o._magnitude

    def __eq__(self, other):
        try:
            a, b = self._cmp(other)
        except DimensionalityError:
            return False
        return a == b

    def __lt__(self, other):
        a, b = self._cmp(other)
        return a < b

    def __le__(self, other):
        a, b = self._cmp(other)
        return a <= b

    def __gt__(self, other):
        a, b = self._cmp(other)
        return a > b

    def __ge__(self, other):
        a, b = self._cmp(other)
        return a >= b

    def __hash__(self):
        return hash((self._base(), self._dims))

    def __float__(self):
        if not self.dimensionless:
            raise DimensionalityError(f"'{self._unit}' ({_describe(self._dims)}) is not a plain number; "
                                      "use .magnitude or .m_as(unit)")
        return float(self._base())

    def __bool__(self):
        return bool(self._magnitude)

    def __round__(self, n=None):
        return Quantity._make(round(self._magnitude, n), self._unit, self._factor, self._dims)

    # --- printing -------------------------------------------------------------------------
    def __format__(self, spec: str) -> str:
        spec = spec.replace("~", "").replace("P", "").replace("D", "").replace("C", "")
        number = format(self._magnitude, spec) if spec else str(self._magnitude)
        return f"{number} {self._unit}".strip()

    def __str__(self) -> str:
        return format(self, "")

    def __repr__(self) -> str:
        return f"<Quantity({self._magnitude}, '{self._unit}')>"

    def __reduce__(self):
        return (Quantity, (self._magnitude, self._unit))

    def __array__(self, dtype=None):  # numpy sees the magnitude, as pint's does for dimensionless
        import numpy
        return numpy.asarray(self._magnitude, dtype=dtype)

    def is_finite(self) -> bool:
        return math.isfinite(self._magnitude)


class UnitRegistry:
    """The registry 0.1.0 exports as `ureg`: ``ureg.Quantity(3, "GB/s")``, ``ureg("3 GB/s")``."""

    Quantity = Quantity

    def __call__(self, text: str) -> Quantity:
        return Quantity(text)

    def __getattr__(self, unit: str) -> Quantity:  # ureg.ms, ureg.GB
        if unit.startswith("_"):
            raise AttributeError(unit)
        return Quantity(1.0, unit)


ureg = UnitRegistry()
Q_ = Quantity


def from_base(value, unit: str) -> Quantity:
    """A base-unit float (what mlsysim.solve returns) as a Quantity in `unit`."""
    factor, dims = _unit(unit)
    return Quantity._make(float(value) / factor, unit, factor, dims)
