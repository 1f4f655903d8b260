"""Sweeps and pipelines into DataFrames, checked against the CLI's CSV of the same sweep."""

import io
import subprocess

import pandas as pd
import pytest

import mlsysim


def test_one_row_per_combination_axes_then_outputs():
    df = mlsysim.sweep("roofline", over={"model": ["ResNet50", "GPT2"], "batch_size": [1, 2, 4]},
                       set={"hardware": "H100"})
    assert len(df) == 6
    assert list(df.columns[:3]) == ["model", "batch_size", "latency"]
    assert list(df["model"]) == ["ResNet50"] * 3 + ["GPT2"] * 3
    assert list(df["batch_size"]) == [1, 2, 4] * 2
    assert df["batch_size"].dtype == "int64" and df["feasible"].dtype == bool
    assert df.attrs["units"]["latency"] == "s"


def test_the_dataframe_holds_what_the_cli_writes_as_csv(cli):
    df = mlsysim.sweep("roofline", over={"model": "*", "batch_size": "1..64:*2"}, set={"hardware": "A100"}, jobs=2)
    csv = subprocess.run([cli, "sweep", "roofline", "--over", "model=*", "--over", "batch_size=1..64:*2",
                          "--set", "hardware=A100", "-o", "csv"], check=True, capture_output=True, text=True).stdout
    want = pd.read_csv(io.StringIO(csv))
    assert len(df) == len(want) == 19 * 7
    for column in ["latency", "throughput", "energy", "mfu"]:
        assert df[column].to_numpy() == pytest.approx(want[column].to_numpy(), rel=1e-9)
    assert list(df["bottleneck"].astype(str)) == list(want["bottleneck"])


def test_search_options_match_the_engine():
    df = mlsysim.sweep("roofline", over={"model": "*", "hardware": ["A100", "H100"]}, set={"batch_size": 8},
                       where="feasible", top=3, by="throughput")
    everything = mlsysim.sweep("roofline", over={"model": "*", "hardware": ["A100", "H100"]}, set={"batch_size": 8})
    best = everything[everything.feasible].sort_values("throughput", ascending=False, kind="stable").head(3)
    assert list(df["throughput"]) == pytest.approx(list(best["throughput"]))


def test_a_bad_axis_value_names_the_axis():
    with pytest.raises(mlsysim.BadInput) as e:
        mlsysim.sweep("roofline", over={"batch_size": [1, -2]}, set={"model": "GPT2", "hardware": "A100"})
    assert e.value.field == "batch_size"


def test_pipelines_from_a_dict_and_from_a_file(source_dir):
    spec = {"name": "two", "inputs": {"model": "GPT2", "hardware": "A100"},
            "sweep": {"batch_size": [1, 8]},
            "stages": [{"id": "c", "solver": "roofline"}],
            "report": {"latency": "c.latency", "per_sample": "c.latency / batch_size"}}
    df = mlsysim.pipeline(spec)
    assert len(df) == 2
    assert df["per_sample"].to_numpy() == pytest.approx((df["latency"] / df["batch_size"]).to_numpy())
    files = sorted((source_dir / "examples").rglob("*.json"))
    pipelines = [f for f in files if '"stages"' in f.read_text()]
    assert pipelines
    assert len(mlsysim.pipeline(pipelines[0])) >= 1


def test_jobs_top_and_max_rows_are_checked_before_anything_runs():
    args = dict(over={"batch_size": [1, 2]}, set={"model": "GPT2", "hardware": "A100"})
    for bad in (dict(jobs=-1), dict(jobs=1000), dict(jobs=2**62)):
        with pytest.raises(mlsysim.BadInput, match="jobs"):
            mlsysim.sweep("roofline", **args, **bad)
    for bad in (dict(top=-1, by="latency"), dict(top=10**7, by="latency")):
        with pytest.raises(mlsysim.BadInput, match="top"):
            mlsysim.sweep("roofline", **args, **bad)
    for bad in (float("nan"), float("inf"), 0.0):
        with pytest.raises(mlsysim.BadInput, match="max_rows"):
            mlsysim.sweep("roofline", **args, max_rows=bad)
    assert len(mlsysim.sweep("roofline", **args, jobs=2)) == 2


def test_two_threads_starting_their_first_sweeps_together_finish():
    # A fresh interpreter, so both threads make the process's first arrays.
    import os
    import sys
    script = (
        "import threading, mlsysim\n"
        "out = []\n"
        "def work():\n"
        "    out.append(len(mlsysim.sweep('roofline', over={'batch_size': [1, 2, 3]},\n"
        "                                 set={'model': 'GPT2', 'hardware': 'A100'})))\n"
        "ts = [threading.Thread(target=work) for _ in range(2)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(out)\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                       env=os.environ)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[3, 3]"


def test_each_row_carries_its_warnings_in_the_dataframe():
    # fp8 is not in the A100's precision table (0.1.0 uses the FP16 peak and warns); the H100 has it.
    df = mlsysim.sweep("roofline", over={"hardware": ["A100", "H100"], "precision": ["fp16", "fp8"]},
                       set={"model": "ResNet50"})
    assert list(df.columns)[-2:] == ["warnings", "notes"]
    flagged = df[df["warnings"].astype(str) != ""]
    assert list(zip(flagged["hardware"], flagged["precision"])) == [("A100", "fp8")]
    assert "Precision 'fp8' not in NVIDIA A100 precision_flops" in str(flagged["warnings"].iloc[0])
    chosen = mlsysim.sweep("roofline", over={"precision": ["fp8"]}, set={"model": "ResNet50", "hardware": "A100"},
                           columns=["latency"])
    assert list(chosen.columns) == ["precision", "latency"]


def test_rows_decided_by_a_kept_quirk_carry_a_note_apart_from_warnings():
    # Llama3_70B (141.2 GB at fp16) fits neither a T4 (16 GB) nor an H200 (141 GB): 0.1.0's offload
    # rule decides those rows.
    df = mlsysim.sweep("roofline", over={"model": ["GPT2", "Llama3_70B"], "hardware": ["T4", "H200"]})
    noted = df[df["notes"].astype(str) != ""]
    assert sorted(zip(noted["model"], noted["hardware"])) == [("Llama3_70B", "H200"), ("Llama3_70B", "T4")]
    assert "offload rule" in str(noted["notes"].iloc[0]) and not noted["feasible"].any()
    assert (df["warnings"].astype(str) == "").all()
    r = mlsysim.solve("roofline", model="Llama3_70B", hardware="T4")
    assert r.warnings == [] and len(r.notes) == 1 and "offload rule" in r.notes[0]
    assert mlsysim.solve("roofline", model="GPT2", hardware="T4").notes == []
