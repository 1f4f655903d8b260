"""Python objects a hostile or careless caller may pass: each is refused as BadInput naming
the input, never a crash, a hang or a silent misreading (issue 18 #2 and #17)."""

import math

import pytest

import mlsysim

ARGS = dict(model="GPT2", hardware="A100")


def cyclic_dict():
    d = {}
    d["a"] = d
    return d


def cyclic_list():
    items = []
    items.append(items)
    return items


def deep_dict(levels):
    d = {}
    for _ in range(levels):
        d = {"x": d}
    return d


class RaisingFloat:
    def __float__(self):
        raise ValueError("no number here")


HOSTILE = {
    "a dict that contains itself": (cyclic_dict(), "contains itself"),
    "a list that contains itself": (cyclic_list(), "contains itself"),
    "a 100,000-deep dict": (deep_dict(100_000), "nested more than 64 levels"),
    "nan": (float("nan"), "not a finite number"),
    "inf": (float("inf"), "not a finite number"),
    "an integer beyond 64 bits": (2**70, "beyond the 64-bit integers"),
    "a huger integer": (10**400, "beyond the 64-bit integers"),
    "a lone surrogate": ("\ud800", "not valid Unicode"),
    "a raising __float__": (RaisingFloat(), "no number here"),
    "keys 1 and '1'": ({1: 2, "1": 3}, "keys must be strings"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_value_is_a_bad_input_naming_the_field(name):
    value, why = HOSTILE[name]
    with pytest.raises(mlsysim.BadInput, match=why) as err:
        mlsysim.solve("roofline", **ARGS, efficiency=value)
    assert err.value.field.startswith("efficiency")


@pytest.mark.parametrize("name", ["a dict that contains itself", "a 100,000-deep dict", "nan"])
def test_sweeps_and_pipelines_refuse_them_too(name):
    value, why = HOSTILE[name]
    with pytest.raises(mlsysim.BadInput, match=why):
        mlsysim.sweep("roofline", over={"batch_size": [1, 2]}, set={**ARGS, "efficiency": value})
    spec = {"name": "p", "inputs": {**ARGS, "efficiency": value}, "stages": [{"id": "s", "solver": "roofline"}]}
    with pytest.raises(mlsysim.BadInput, match=why):
        mlsysim.pipeline(spec)


def test_ordinary_values_still_convert():
    r = mlsysim.solve("roofline", **ARGS, efficiency=0.25, batch_size=2**40)
    assert math.isfinite(float(r.latency))
    assert mlsysim.solve("roofline", model=mlsysim.models("GPT2"), hardware="A100").latency > 0


def test_load_is_refused_while_a_python_variant_runs_inside_a_solve():
    seen = {}

    @mlsysim.register("roofline:reloader", base="roofline")
    def reloader(inputs):
        try:
            mlsysim.load()
        except mlsysim.BadInput as e:
            seen["refused"] = str(e)
        return {}

    try:
        r = mlsysim.solve("roofline:reloader", **ARGS)
        assert float(r.latency) > 0
        assert "while 1 solve" in seen["refused"]
        frame = mlsysim.sweep("roofline:reloader", over={"batch_size": [1, 2]}, set=ARGS, jobs=2)
        assert len(frame) == 2
    finally:
        mlsysim.load()  # nothing in flight now: allowed


def test_load_from_another_thread_during_a_sweep_is_refused_not_a_crash():
    import threading

    results = {}

    def sweeper():
        results["rows"] = len(mlsysim.sweep("roofline", over={"batch_size": "1..300000"}, set=ARGS,
                                            columns=["latency"], jobs=2))

    worker = threading.Thread(target=sweeper)
    worker.start()
    refused = 0
    while worker.is_alive():
        try:
            mlsysim.load()
        except mlsysim.BadInput:
            refused += 1
    worker.join()
    assert results["rows"] == 300000
    assert refused > 0


def test_a_keyboard_interrupt_in_a_python_variant_is_raised_not_swallowed():
    calls = []

    @mlsysim.register("roofline:ctrl_c", base="roofline")
    def ctrl_c(inputs):
        calls.append(1)
        raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            mlsysim.solve("roofline:ctrl_c", **ARGS)
        calls.clear()
        with pytest.raises(KeyboardInterrupt):
            mlsysim.sweep("roofline:ctrl_c", over={"batch_size": "1..100000"}, set=ARGS, jobs=1)
        assert len(calls) < 5000, f"the sweep went on for {len(calls)} rows after the interrupt"
    finally:
        mlsysim.load()


def test_ctrl_c_stops_a_sweep_within_a_second():
    import os
    import signal
    import subprocess
    import sys
    import time
    script = (
        "import mlsysim, sys\n"
        "print('started', flush=True)\n"
        "try:\n"
        "    mlsysim.sweep('roofline', over={'batch_size': '1..10000000000'},\n"
        "                  set={'model': 'GPT2', 'hardware': 'A100'}, columns=['latency'], max_rows=1e11)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
        "    sys.exit(130)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ)
    assert proc.stdout.readline().strip() == "started"
    time.sleep(0.5)  # into the sweep
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "interrupted" in out
    assert time.monotonic() - sent < 1.0


@pytest.mark.parametrize("name", ["roofline:", "roofline: spaced", "roofline:dotted.name", "roofline:\u202eevil",
                                  ":bare", "roofline:tab\there", "a b:c"])
def test_register_refuses_names_that_are_not_plain(name):
    with pytest.raises(mlsysim.Error, match="is not a name|name a variant"):
        mlsysim.register(name, lambda inputs: {}, base="roofline")
    assert name not in {s["name"] for s in mlsysim.solvers()}


def test_register_refuses_a_function_that_is_not_callable():
    with pytest.raises(mlsysim.BadInput, match="must be a function"):
        mlsysim.register("roofline:not_callable", 42, base="roofline")
