"""One description of solvers, plugins, hardware and models: what `mlsysim ... -o json`
prints is what the Python functions return (quantities as Quantity in Python, as
{value, unit} in JSON)."""

import json
import subprocess

import mlsysim


def as_json(obj):
    """A Python description in the JSON form the CLI prints."""
    if isinstance(obj, mlsysim.Quantity):
        return {"value": float(obj), "unit": obj.unit}
    if isinstance(obj, dict):
        return {k: as_json(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [as_json(v) for v in obj]
    return obj


def cli_json(cli, *args):
    r = subprocess.run([cli, *args, "-o", "json"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_hardware_and_models_are_described_alike(cli):
    for kind, python in (("hardware", mlsysim.hardware), ("models", mlsysim.models)):
        from_cli = cli_json(cli, "zoo", kind)
        from_python = [as_json(python(entry["id"])) for entry in from_cli]
        assert from_python == from_cli, kind
        assert as_json(python()) == from_cli, kind


def test_solvers_and_plugins_are_described_alike(cli):
    by_name = {s["name"]: s for s in mlsysim.solvers()}
    for name in ("roofline:reference", "roofline:calibrated", "serving:reference"):
        assert by_name[name] == cli_json(cli, "plugins", "show", name), name
    assert by_name["roofline:calibrated"]["parameters"][2]["name"] == "memory_efficiency"
    assert mlsysim.plugins() == cli_json(cli, "plugins", "list")["plugins"]
