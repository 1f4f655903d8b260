"""The CLI's plots as matplotlib figures: ``mlsysim.plot.roofline`` and ``mlsysim.plot.sweep``."""

from __future__ import annotations

from typing import Iterable


def _axes(ax):
    import matplotlib
    if ax is None:
        if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
            try:
                import IPython  # noqa: F401  (a notebook keeps its backend)
            except ImportError:
                matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(9, 5.6))
        return fig, ax
    return ax.figure, ax


_MARKERS = "os^Dvp*hX"


def roofline(hardware: Iterable[str], models: Iterable[str] = (), batch_sizes: Iterable[int] = (1,),
             precision: str = "fp16", efficiency: float = 0.5, solver: str = "roofline", ax=None):
    """Log-log roofline, as ``mlsysim plot roofline`` draws it: per device (a colour) the roof of the
    peak x efficiency (solid; the peak dashed) and its ridge, the roofline's ``ridge_point``; per
    model (a marker) and batch the FLOP/s each step attains at its intensity, hollow when the model
    does not fit (0.1.0's offload rule then decides the figure).

    Returns the matplotlib Figure (``fig.savefig("roofline.png")``).
    """
    from mlsysim import hardware as spec, solve
    fig, ax = _axes(ax)
    hardware, models, batch_sizes = list(hardware), list(models), list(batch_sizes)
    for device in hardware:
        hw = spec(device)
        peak = float(hw["precision_flops"].get(precision, hw["peak_flops"]))
        bw = float(hw["memory_bandwidth"])
        roof = peak * efficiency
        ridge = roof / bw
        (line,) = ax.plot([ridge / 1e4, ridge, ridge * 1e3], [roof / 1e4, roof, roof],
                          label=f"{hw['id']}: ridge {ridge:.3g} FLOP/B")
        colour = line.get_color()
        if efficiency < 1:
            ax.plot([ridge / 1e4, ridge / efficiency, ridge * 1e3], [peak / 1e4, peak, peak], color=colour,
                    linestyle="--", linewidth=1)
        ax.axvline(ridge, color=colour, linestyle=":", linewidth=1)
        for m, model in enumerate(models):
            for batch in batch_sizes:
                r = solve(solver, model=model, hardware=device, batch_size=batch, precision=precision,
                          efficiency=efficiency)
                achieved = float(r.latency_compute) * float(r.peak_flops_actual) / float(r.latency)
                ax.scatter([float(r.arithmetic_intensity)], [achieved], marker=_MARKERS[m % len(_MARKERS)],
                           edgecolors=colour, facecolors=colour if r.feasible else "white", zorder=3)
                if len(batch_sizes) > 1:
                    ax.annotate(f"b{batch}", (float(r.arithmetic_intensity), achieved),
                                textcoords="offset points", xytext=(5, 4), fontsize=8)
    for m, model in enumerate(models):
        ax.scatter([], [], marker=_MARKERS[m % len(_MARKERS)], color="#555555", label=model)
    if len(hardware) == 1:
        ax.text(ridge, 0.97, "← memory-bound   ", transform=ax.get_xaxis_transform(), ha="right", va="top",
                style="italic", color="#555")
        ax.text(ridge, 0.97, "   compute-bound →", transform=ax.get_xaxis_transform(), ha="left", va="top",
                style="italic", color="#555")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("arithmetic intensity [FLOP/B]")
    ax.set_ylabel("performance [FLOP/s]")
    ax.set_title(f"Roofline: {precision}, efficiency {efficiency} (solid: peak x {efficiency}; dashed: peak)")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


def sweep(frame, x: str, y: str, lines: str | None = None, logx: bool | None = None, logy: bool | None = None,
          ax=None):
    """`y` against `x` from a sweep DataFrame, one line per value of `lines`. Log axes by default
    when the values span 50x or more. Returns the Figure."""
    fig, ax = _axes(ax)
    groups = frame.groupby(lines, observed=True, sort=False) if lines else [(y, frame)]
    for key, part in groups:
        part = part.sort_values(x)
        ax.plot(part[x], part[y], marker="o", markersize=3, label=f"{lines}={key}" if lines else y)

    def wide(values):
        v = values[values > 0]
        return len(v) > 0 and v.max() / v.min() >= 50

    units = frame.attrs.get("units", {})
    if logx if logx is not None else wide(frame[x]):
        ax.set_xscale("log")
    if logy if logy is not None else wide(frame[y]):
        ax.set_yscale("log")
    ax.set_xlabel(f"{x} [{units[x]}]" if x in units else x)
    ax.set_ylabel(f"{y} [{units[y]}]" if y in units else y)
    ax.set_title(f"{y} vs {x}")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return fig
