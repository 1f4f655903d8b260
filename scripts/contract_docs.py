"""Writes docs/contracts/<family>.md, one page per contract family, from the registry itself:
each contract's summary, tier, walls, fallacies, its reference variant's doc (the 0.1.0 quirks
kept and the refusals) and its ports. Run after changing a contract:

    PYTHONPATH=build/lib/python3/dist-packages /usr/bin/python3 scripts/contract_docs.py

python/tests/test_contract_docs.py fails when a page is not what this script writes.
"""

from __future__ import annotations

import pathlib
import sys

FAMILIES = {
    "single-node": ("One model on one device",
                    ["roofline", "efficiency", "data", "transformation", "sensitivity", "synthesis", "compression"]),
    "training-at-scale": ("Training at scale",
                          ["distributed", "network_roofline", "topology", "parallelism", "reliability", "checkpoint",
                           "scaling"]),
    "fleet-operations": ("Fleet operations and cost",
                         ["sustainability", "economics", "placement", "orchestration", "responsible_engineering"]),
    "serving": ("LLM serving, and serving at scale",
                ["serving", "continuous_batching", "tail_latency", "batching", "inference_scaling",
                 "weight_streaming"]),
}


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _port_type(p: dict) -> str:
    return f"{p['kind']} [{p['unit']}]" if p.get("unit") else p["kind"]


def _default(p: dict) -> str:
    if p.get("required"):
        return "required"
    if p.get("optional"):
        return "optional"
    d = p.get("default")
    if isinstance(d, dict) and "value" in d:
        return f"{d['value']:g} {d['unit']}"
    return _cell(d)


def contract_section(s: dict) -> list[str]:
    walls = ", ".join(f"{w['number']} {w['name']} ({w['domain']})" for w in s["walls"]) or "none"
    lines = [f"## `{s['contract']}`", "", f"{s['summary']}. Tier: {s['tier']}; walls: {walls}.", ""]
    variants = ", ".join(f"`{v}`" for v in s["variants"])
    lines += [f"Variants: {variants}. The `{s['name']}` variant:", "", f"> {s['doc']}", ""]
    for f in s["fallacies"]:
        lines += [f"- *Fallacy:* {f['misconception']} *Reality:* {f['reality']}"]
    if s["fallacies"]:
        lines.append("")
    lines += ["| input | type | default | accepts | doc |", "|---|---|---|---|---|"]
    for p in s["inputs"]:
        lines.append(f"| `{p['name']}` | {_port_type(p)} | {_default(p)} | {_cell(p.get('constraint'))} | "
                     f"{_cell(p['doc'])} |")
    lines += ["", "| output | type | doc |", "|---|---|---|"]
    for p in s["outputs"]:
        lines.append(f"| `{p['name']}` | {_port_type(p)} | {_cell(p['doc'])} |")
    return lines + [""]


def page(title: str, contracts: list[str], solvers: list[dict]) -> str:
    by_contract = {s["contract"]: s for s in solvers if s["variant"] == "reference"}
    lines = [f"# {title}", "",
             "Generated from the registry by `scripts/contract_docs.py` (do not edit by hand). Every contract "
             "here has a `reference` variant that reproduces MLSys·im 0.1.0 at 1e-9 on its reference cases; its "
             "doc lists the quirks kept and what is refused. `mlsysim plugins show CONTRACT` prints the same.", ""]
    for name in contracts:
        lines += contract_section(by_contract[name])
    return "\n".join(lines).rstrip() + "\n"


def pages() -> dict[str, str]:
    import mlsysim
    solvers = mlsysim.solvers()
    return {slug: page(title, contracts, solvers) for slug, (title, contracts) in FAMILIES.items()}


def main() -> int:
    out = pathlib.Path(__file__).resolve().parents[1] / "docs" / "contracts"
    out.mkdir(parents=True, exist_ok=True)
    for slug, text in pages().items():
        (out / f"{slug}.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
