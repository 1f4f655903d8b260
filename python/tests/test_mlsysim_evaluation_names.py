"""MLSys·im 0.1.0's evaluation, simulation, spec-type, import and display names, written as a
0.1.0 user writes them; every figure is python-and-cli.md's (§1, §5.2, §5.3, §6, §7)."""

import json

import pytest

import mlsysim
from mlsysim import Hardware, Models, Scenarios, Systems
from mlsysim.core.constants import Q_

# §5.2: statuses, carbon (kg) and TCO ($) of Scenario.evaluate() for the nine scenarios.
NINE = [
    ("SmartDoorbell", "PASS", "PASS", 1.68360192, 11500.4709376),
    ("TinySensor", "PASS", "PASS", 1.68360192, 11500.4709376),
    ("AutonomousVehicle", "PASS", "PASS", 105.22512, 11529.4336),
    ("AutonomousVehicle_Waymo", "FAIL", "PASS", 105.22512, 11529.4336),
    ("MobileHealth", "PASS", "PASS", 21.045024, 11505.88672),
    ("LocalTraining", "PASS", "PASS", 420.90048, 11617.7344),
    ("FrontierTraining", "FAIL", "FAIL", 24136117.12512, 100959361.4336),
    ("ChatbotServing", "PASS", "PASS", 2946.30336, 12324.1408),
    ("KeywordSpotting", "PASS", "FAIL", 1.68360192, 11500.4709376),
]


@pytest.mark.parametrize("name,feasibility,performance,carbon,tco", NINE)
def test_every_scenario_evaluates_as_in_mlsysim(name, feasibility, performance, carbon, tco):
    e = getattr(Scenarios, name).evaluate()
    assert isinstance(e, mlsysim.SystemEvaluation)
    assert (e.feasibility.status, e.performance.status, e.macro.status) == (feasibility, performance, "PASS")
    assert e.passed_all == (feasibility == performance == "PASS")
    d = e.to_dict()
    assert {"scenario", "f_status", "p_status", "m_status", "p_latency", "m_carbon_kg", "m_tco_usd"} <= set(d)
    assert d["m_carbon_kg"] == pytest.approx(carbon, rel=1e-9)
    assert d["m_tco_usd"] == pytest.approx(tco, rel=1e-9)


def test_the_scorecard_is_the_boxed_text_with_a_mark_per_level():
    card = Scenarios.SmartDoorbell.evaluate().scorecard()
    lines = card.splitlines()
    assert lines[0].startswith("╔") and lines[-1].startswith("╚")
    # 60 terminal cells wide: a mark (✅) takes two.
    assert {len(line) + line.count("✅") + line.count("❌") for line in lines} == {60}
    assert "Level 1: Feasibility [PASS] ✅" in card
    assert "↳ Model fits in memory (0.5 MB / 8.0 MB)" in card
    assert "Latency: 101.01" in card and "Annual Carbon: 1.7 kg | TCO: $11,500" in card
    assert "[FAIL] ❌" in Scenarios.KeywordSpotting.evaluate().scorecard()


def test_validate_scenario_names_what_does_not_fit_or_is_too_slow():
    assert Scenarios.SmartDoorbell.validate_scenario()["memory_utilization"] == pytest.approx(0.0625, rel=1e-9)
    assert Scenarios.Chatbot.validate_scenario()["memory_utilization"] == pytest.approx(0.18774425685405732,
                                                                                        rel=1e-9)
    assert Scenarios.LocalTraining.validate_scenario()["memory_utilization"] == pytest.approx(0.125993038, rel=1e-8)
    with pytest.raises(mlsysim.Infeasible, match="141.36777216 GB"):
        Scenarios.Frontier.validate_scenario()
    with pytest.raises(mlsysim.Infeasible) as slow:
        Scenarios.KWS.validate_scenario()
    assert slow.value.field == "sla_latency"


def test_a_scenario_written_in_python_scores_like_the_zoo_one():
    mine = mlsysim.Scenario(name="My Chatbot", workload=Models.Llama3_8B, system=Hardware.H100,
                            sla_latency=Q_(500, "ms"))
    zoo = Scenarios.ChatbotServing.evaluate().to_dict()
    e = mine.evaluate()
    assert e.scenario_name == "My Chatbot"
    assert e.to_dict()["p_latency"].m_as("s") == pytest.approx(zoo["p_latency"].m_as("s"), rel=1e-12)
    for key in ("m_carbon_kg", "m_tco_usd"):
        assert e.to_dict()[key] == pytest.approx(zoo[key], rel=1e-12)
    fleet = mlsysim.Scenario(name="Big", workload=Models.Llama3_70B, system=Systems.Clusters.Frontier_8K,
                             sla_latency=Q_(500, "ms")).evaluate()
    assert fleet.to_dict()["p_scaling_eff"] == pytest.approx(0.65764, abs=1e-5)


def test_system_evaluator_on_a_device_and_on_a_fleet():
    # §5.3
    e = mlsysim.SystemEvaluator.evaluate("chat", Models.Llama3_8B, Hardware.H100)
    assert (e.feasibility.status, e.performance.status, e.macro.status) == ("PASS", "PASS", "SKIPPED")
    assert e.to_dict()["p_latency"].to("ms").magnitude == pytest.approx(5.603432835820896, rel=1e-12)
    cnn = mlsysim.SystemEvaluator.evaluate("vision", Models.ResNet50, Hardware.A100, batch_size=32)
    assert cnn.to_dict()["p_latency"].to("ms").magnitude == pytest.approx(1.3560256410256413, rel=1e-12)
    fleet = mlsysim.SystemEvaluator.evaluate("train", Models.Llama3_8B, Hardware.H100, batch_size=32,
                                             fleet=Systems.Clusters.Research_256, nodes=8, duration_days=30)
    d = fleet.to_dict()
    assert d["p_step_latency"].to("ms").magnitude == pytest.approx(317.5465257688889, rel=1e-9)
    assert d["m_capex"] == pytest.approx(210410.95890410958, rel=1e-9)
    assert fleet.macro.status == "PASS"


def test_the_resource_simulation_ledgers():
    # §7
    ledger = mlsysim.sim.ResourceSimulation(Scenarios.ChatbotServing, mlsysim.sim.Personas.get("cloud")).evaluate(
        {"region": "Quebec", "duration_days": 365})
    assert ledger.choice_summary == "Region: Quebec (Hydro), Duration: 365.0 days"
    assert ledger.economics.cost_per_million_samples_usd == pytest.approx(0.40511710656761857, rel=1e-9)
    d = ledger.to_dict()
    assert d["carbon_kg"] == pytest.approx(129.9984, rel=1e-9)
    assert d["tco_usd"] == pytest.approx(12279.9904, rel=1e-9)
    assert d["goodput_pct"] == pytest.approx(66.44471084558516, rel=1e-9)
    tiny = mlsysim.sim.ResourceSimulation(Scenarios.SmartDoorbell, mlsysim.sim.Personas.get("tiny")).evaluate(
        {"region": "US_Avg", "duration_days": 365})
    assert tiny.to_dict()["carbon_kg"] == pytest.approx(16836019.2, rel=1e-9)
    assert tiny.to_dict()["tco_usd"] == pytest.approx(115004709376.0, rel=1e-9)
    assert mlsysim.sim.Personas.get("anything else").name == "Cloud Titan"


def test_spec_types_built_by_hand_solve_like_the_zoo_entries():
    gpu = mlsysim.HardwareNode(
        name="My A100", compute=mlsysim.ComputeCore(peak_flops=Q_(312, "TFLOPs/s")),
        memory=mlsysim.MemoryHierarchy(capacity=Q_(80, "GiB"), bandwidth=Q_(2039, "GB/s")),
        tdp=Q_(400, "W"), dispatch_tax=Q_(0.015, "ms"))
    assert gpu.memory.bandwidth.to("TB/s").magnitude == pytest.approx(2.039)
    mine = mlsysim.Engine.solve(Models.ResNet50, gpu, batch_size=1)
    zoo = mlsysim.Engine.solve(Models.ResNet50, Hardware.A100, batch_size=1)
    assert mine.latency.magnitude == pytest.approx(zoo.latency.magnitude, rel=1e-12)
    llama = mlsysim.TransformerWorkload(name="My Llama", parameters=Q_(8.03e9, "param"), layers=32,
                                        hidden_dim=4096, heads=32, kv_heads=8,
                                        inference_flops=Q_(16.06e9, "flop"))
    assert mlsysim.Engine.solve(llama, Hardware.H100).latency.magnitude == pytest.approx(
        mlsysim.Engine.solve(Models.Llama3_8B, Hardware.H100).latency.magnitude, rel=1e-12)


CONFIGS = [  # §6's two worked examples: params, FLOPs, latency on H100 (bs 1, fp16)
    ({"num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32, "num_key_value_heads": 8,
      "vocab_size": 128256, "intermediate_size": 14336}, 8_029_995_008, 16_059_990_016, 5.603429557),
    ({"n_layer": 12, "n_embd": 768, "n_head": 12, "vocab_size": 50257}, 162_129_408, 324_258_816, 0.236473044),
]


@pytest.mark.parametrize("config,params,flops,latency_ms", CONFIGS)
def test_import_hf_model_from_a_local_config(tmp_path, config, params, flops, latency_ms):
    (tmp_path / "my-model").mkdir()
    (tmp_path / "my-model" / "config.json").write_text(json.dumps(config))
    from mlsysim.models import import_hf_model
    model = import_hf_model(tmp_path / "my-model")
    assert model.name == "my-model"
    assert float(model.parameters.m_as("param")) == params
    assert float(model.inference_flops.m_as("flop")) == flops
    assert mlsysim.Engine.solve(model, Hardware.H100).latency.magnitude == pytest.approx(latency_ms, rel=1e-9)
    assert isinstance(mlsysim.models(), list)  # still this package's function


def test_load_config_refuses_weights_beyond_the_device():
    config = mlsysim.load_config({"model": "Llama3_8B", "hardware": "H100", "region": "Quebec", "extra": 1})
    assert (config.batch_size, config.fabric, config.duration_days, config.region) == (1, "100GbE", 30.0, "Quebec")
    with pytest.raises(mlsysim.Infeasible, match=r"Configuration Infeasible: GPT3 weights \(350.0 GB\) exceed "
                                                 r"A100 capacity \(85.89934592 GB\)\."):
        mlsysim.load_config({"model": "GPT3", "hardware": "A100"})


def test_show_formats_numbers_as_mlsysim_does(capsys):
    from mlsysim import show
    assert show.cell(Q_(25600000, "param")) == "25,600,000 param"
    assert show.cell(Q_(64, "ms")) == "64 ms"
    assert show.cell(Q_(0.5426213830308975, "ms")) == "0.543 ms"
    assert show.cell(Q_(123.456, "GB")) == "123.5 GB"
    assert show.cell(Q_(0.001, "s")) == "1.00e-03 s"
    assert (show.cell(1234567.0), show.cell(123.45), show.cell(1.5), show.cell(0.5)) == \
        ("1,234,567", "123.5", "1.50", "0.5000")
    block = show.info("A100", peak_flops=Hardware.A100.compute.peak_flops, year=2020).splitlines()
    assert len(block[0]) == 44 and block[0].startswith("── A100 ─")
    assert block[1] == "peak flops:  312 TFLOPs/s" and block[2] == "year:        2020"  # integral: no decimals
    table = show.table(["model", "latency"], [["ResNet-50", Q_(0.5426, "ms")], ["GPT-2", Q_(12, "ms")]])
    lines = table.splitlines()
    assert lines[1] == "─" * len(lines[0]) and lines[3].endswith("12 ms") and lines[2].startswith("ResNet-50")
    assert "A100" in capsys.readouterr().out


def test_plot_evaluation_scorecard_draws_demand_against_supply():
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    fig, ax = mlsysim.plot_evaluation_scorecard(Scenarios.SmartDoorbell.evaluate())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Memory (GB)", "Latency (ms)"]
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == sorted([0.0005, 0.008, 101.01, 200.0])  # GB and ms: demand and supply of each
