"""0.1.0's `mlsysim.show`: console formatters for notebooks and scripts.

    show.info("A100", peak=Hardware.A100.compute.peak_flops, memory_bw=Hardware.A100.memory.bandwidth)
    show.table(["model", "latency"], [["ResNet-50", r.latency]])

Numbers print as 0.1.0 prints them (reference/python-and-cli.md §1): a quantity with an integral magnitude
of at least 1 as a thousands-separated integer (`25,600,000 param`), else with 1, 2 or 3 decimals
by size, or in scientific notation below 0.01; a plain float with thousands separators from 100.
"""

from __future__ import annotations

from .units import Quantity

_TITLE_WIDTH = 44


def cell(value) -> str:
    """One value as info() and table() print it."""
    if isinstance(value, Quantity):
        m = value.magnitude
        if m == int(m) and abs(m) >= 1:
            number = f"{int(m):,}"
        elif abs(m) >= 100:
            number = f"{m:,.1f}"
        elif abs(m) >= 1:
            number = f"{m:.2f}"
        elif abs(m) >= 0.01:
            number = f"{m:.3f}"
        else:
            number = f"{m:.2e}"
        return f"{number} {value.units}".strip()
    if isinstance(value, float):
        a = abs(value)
        return f"{value:,.0f}" if a >= 1e6 else f"{value:,.1f}" if a >= 100 else \
            f"{value:.2f}" if a >= 1 else f"{value:.4f}"
    return str(value)


def info(title: str | None = None, **fields) -> str:
    """A title line (`── Title ───…`, 44 wide) and one `key:  value` line per field, aligned;
    underscores in keys become spaces. Prints the block and returns it."""
    lines = []
    if title:
        lines.append(f"── {title} ".ljust(_TITLE_WIDTH, "─"))
    keys = {k: k.replace("_", " ") + ":" for k in fields}
    width = max((len(k) for k in keys.values()), default=0)
    lines += [f"{keys[k]:<{width}}  {cell(v)}" for k, v in fields.items()]
    text = "\n".join(lines)
    print(text)
    return text


def table(headers: list, rows: list) -> str:
    """An aligned table: first column left, the others right, two spaces between, and a `─`
    rule as wide as the header line. Prints the table and returns it."""
    cells = [[str(h) for h in headers]] + [[cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells if i < len(r)) for i in range(len(headers))]

    def line(r):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    header = line(cells[0])
    text = "\n".join([header, "─" * len(header)] + [line(r) for r in cells[1:]])
    print(text)
    return text


def banner(text: str) -> str:
    """The text between two `═` rules as wide as it (at least the title width)."""
    rule = "═" * max(_TITLE_WIDTH, len(text) + 2)
    out = f"{rule}\n {text}\n{rule}"
    print(out)
    return out
