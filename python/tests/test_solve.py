"""mlsysim.solve against MLSys·im 0.1.0's own outputs (the reference cases), errors as exceptions."""

import json
import math

import pytest

import mlsysim


def reference_cases(source_dir, name, limit):
    """Cases whose inputs are the contract's own ports (some record how 0.1.0 was called instead)."""
    ports = {p["name"] for s in mlsysim.solvers() if s["name"] == f"{name}:reference" for p in s["inputs"]}
    with open(source_dir / "tests" / "data" / f"{name}.jsonl") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    return [c for c in cases if "outputs" in c["expected"] and set(c["inputs"]) <= ports][:limit]


def close(a, b):
    return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


@pytest.mark.parametrize("contract", ["roofline", "serving", "data", "transformation"])
def test_outputs_match_mlsysim_0_1_0_field_by_field(source_dir, contract):
    cases = reference_cases(source_dir, contract, 40)
    assert cases
    for case in cases:
        r = mlsysim.solve(case["solver"], **case["inputs"])
        for name, want in case["expected"]["outputs"].items():
            got = r[name]
            if isinstance(want, dict) and "unit" in want:
                value = want["value"]
                if isinstance(value, str):  # "inf"
                    assert math.isinf(float(got)), (case["id"], name)
                else:
                    assert close(got.to(want["unit"]), value), (case["id"], name, got, want)
            elif want in ("inf", "-inf", "nan"):
                assert str(float(got)) == want, (case["id"], name, got, want)
            elif isinstance(want, float):
                assert close(float(got), want), (case["id"], name, got, want)
            elif want is not None and not isinstance(want, dict):
                assert got == want, (case["id"], name, got, want)


def test_quantities_carry_their_unit_and_convert():
    r = mlsysim.solve("roofline", model="GPT2", hardware="V100", precision="fp32")
    assert isinstance(r.latency, mlsysim.Quantity)
    assert r.latency.unit == "s"
    assert close(r.latency.to("ms"), float(r.latency) * 1e3)
    with pytest.raises(mlsysim.BadInput):
        r.latency.to("GB")


def test_bad_input_raises_with_code_and_field():
    with pytest.raises(mlsysim.BadInput) as e:
        mlsysim.solve("roofline", model="GPT2", hardware="A100", batch_size=0)
    assert e.value.code == "bad_input" and e.value.field == "batch_size"
    assert "got 0" in e.value.message


def test_unknown_names_raise_lookup_errors():
    with pytest.raises(mlsysim.UnknownName) as e:
        mlsysim.solve("roofline", model="NoSuchModel", hardware="A100")
    assert e.value.field == "model"
    with pytest.raises(LookupError):
        mlsysim.solve("rooflinee", model="GPT2", hardware="A100")


def test_inline_specs_from_dicts():
    device = {"id": "HalfA100", "name": "Half A100", "compute": {"peak_flops": "156 TFLOPs/s"},
              "memory": {"capacity": "40 GB", "bandwidth": "1 TB/s"}}
    full = mlsysim.solve("roofline", model="GPT2", hardware="A100")
    half = mlsysim.solve("roofline", model="GPT2", hardware=device)
    # GPT2 at batch 1 is memory-bound: latency_memory scales with 1/bandwidth.
    assert close(float(half.latency_memory), float(full.latency_memory) * 2.039e12 / 1e12)


def test_zoo_and_plugin_listings():
    ids = {h["id"] for h in mlsysim.hardware()}
    assert {"A100", "H100", "V100"} <= ids
    assert mlsysim.hardware("H100")["memory_bandwidth"].to("TB/s") == pytest.approx(3.35)
    assert any(m["id"] == "Llama3_8B" for m in mlsysim.models())
    names = {s["name"] for s in mlsysim.solvers()}
    assert {"roofline:reference", "roofline:calibrated", "serving:reference"} <= names
    assert all(p["loaded"] for p in mlsysim.plugins())
