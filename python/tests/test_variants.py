"""Solvers written in Python: as a variant of a known contract or as a new contract, scored like C++ ones."""

import pytest

import mlsysim


@pytest.fixture(autouse=True)
def fresh_registry():
    mlsysim.load()
    yield
    mlsysim.load()


def test_a_python_variant_overrides_some_outputs_and_takes_the_rest_from_its_base():
    @mlsysim.register("roofline:twice_as_slow", base="roofline")
    def twice(inputs):
        r = mlsysim.solve("roofline", model=inputs["model"]["id"], hardware=inputs["hardware"]["id"],
                          batch_size=inputs["batch_size"])
        return {"latency": 2 * float(r.latency)}

    ref = mlsysim.solve("roofline", model="GPT2", hardware="A100")
    mine = mlsysim.solve("roofline:twice_as_slow", model="GPT2", hardware="A100")
    assert float(mine.latency) == pytest.approx(2 * float(ref.latency), rel=1e-12)
    assert float(mine.energy) == float(ref.energy)
    assert "roofline:twice_as_slow" in {s["name"] for s in mlsysim.solvers()}


def test_python_variants_get_specs_and_defaults():
    seen = {}

    @mlsysim.register("roofline:peek", base="roofline")
    def peek(inputs):
        seen.update(inputs)
        return {}

    mlsysim.solve("roofline:peek", model="Llama3_8B", hardware="H100")
    assert seen["hardware"]["memory_bandwidth"].to("TB/s") == pytest.approx(3.35)
    assert seen["model"]["parameters"] == pytest.approx(8.03e9)
    assert seen["batch_size"] == 1 and seen["precision"] == "fp16"


def test_a_new_contract_from_python():
    @mlsysim.register("kv_cache:simple", ports={
        "inputs": {"tokens": ("int", 1024, "tokens held"), "bytes_per_token": ("B", None, "per token")},
        "outputs": {"size": ("B", "cache size")}})
    def kv(inputs):
        return {"size": inputs["tokens"] * float(inputs["bytes_per_token"])}

    assert mlsysim.solve("kv_cache:simple", bytes_per_token="128 KB").size.to("MB") == pytest.approx(131.072)
    with pytest.raises(mlsysim.BadInput):
        mlsysim.solve("kv_cache:simple")  # bytes_per_token is required
    df = mlsysim.sweep("kv_cache:simple", over={"tokens": [1, 2, 3]}, set={"bytes_per_token": "1 kB"}, jobs=2)
    assert list(df["size"]) == [1000.0, 2000.0, 3000.0]


def test_a_taken_name_is_refused():
    with pytest.raises(mlsysim.PluginError):
        mlsysim.register("roofline:reference", lambda inputs: {})


def test_a_python_exception_is_an_internal_error_naming_the_variant():
    @mlsysim.register("roofline:broken", base="roofline")
    def broken(inputs):
        raise RuntimeError("not yet")

    with pytest.raises(mlsysim.Error) as e:
        mlsysim.solve("roofline:broken", model="GPT2", hardware="A100")
    assert e.value.code == "internal" and "roofline:broken" in e.value.message and "not yet" in e.value.message


def test_a_python_variant_is_scored_against_the_cpp_ones(source_dir):
    @mlsysim.register("roofline:memory_only", base="roofline")
    def memory_only(inputs):
        """Only the memory term, without overheads."""
        return {"latency": float(mlsysim.solve("roofline", model=inputs["model"]["id"],
                                               hardware=inputs["hardware"]["id"]).latency_memory)}

    corpus = source_dir / "zoo" / "measured" / "corpus.jsonl"
    report = mlsysim.score(corpus, ["roofline:reference", "roofline:memory_only"])
    summary = report.summary.set_index("solver")
    assert set(summary.index) == {"roofline:reference", "roofline:memory_only"}
    assert summary.loc["roofline:reference", "n"] == summary.loc["roofline:memory_only", "n"] > 0
    cases = report.cases
    ref = cases[cases.solver == "roofline:reference"].set_index("id")
    # The signed error is predicted / measured - 1, case by case.
    solved = ref[ref.predicted.notna()]
    assert (solved.error).to_numpy() == pytest.approx((solved.predicted / solved.measured - 1).to_numpy())


def test_a_misspelled_output_is_an_error_with_did_you_mean_not_the_base_value():
    @mlsysim.register("roofline:typo", base="roofline")
    def typo(inputs):
        return {"latancy": 1.0}

    with pytest.raises(mlsysim.PluginError) as raised:
        mlsysim.solve("roofline:typo", model="GPT2", hardware="A100")
    assert raised.value.field == "latancy"
    assert "roofline:typo" in raised.value.message
    assert "did you mean 'latency'" in raised.value.message


def test_a_missing_or_mistyped_output_without_a_base_is_a_plugin_error_naming_the_port():
    @mlsysim.register("kv_cache:forgetful", ports={
        "inputs": {"tokens": ("int", 1024, "tokens held")},
        "outputs": {"size": ("B", "cache size"), "pages": ("int", "pages")}})
    def forgetful(inputs):
        return {"size": 1.0}

    with pytest.raises(mlsysim.PluginError) as raised:
        mlsysim.solve("kv_cache:forgetful")
    assert raised.value.field == "pages"


def test_a_variant_parameter_is_a_keyword_and_shows_in_solvers():
    # Memory time is traffic / (spec bandwidth x memory_efficiency).
    args = dict(model="Llama3_8B", hardware="H100", batch_size=8)
    slow = mlsysim.solve("roofline:calibrated", memory_efficiency=0.4, **args)
    fast = mlsysim.solve("roofline:calibrated", memory_efficiency=0.8, **args)
    assert float(slow.latency_memory) / float(fast.latency_memory) == pytest.approx(2.0, rel=1e-12)
    overhead = [float(mlsysim.solve("roofline:calibrated", layer_overhead_transformer=t, **args).latency_overhead)
                for t in ("1 ms", "2 ms")]
    assert overhead[1] - overhead[0] == pytest.approx(32e-3, rel=1e-9)  # 32 layers, one pass
    with pytest.raises(mlsysim.BadInput, match=r"memory_efficiency must be in \[0.3, 1\]"):
        mlsysim.solve("roofline:calibrated", memory_efficiency=0.1, **args)
    info = next(s for s in mlsysim.solvers() if s["name"] == "roofline:calibrated")
    assert "memory_efficiency" in {p["name"] for p in info["parameters"]}
    assert "memory_efficiency" not in {p["name"] for p in info["inputs"]}
