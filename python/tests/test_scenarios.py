"""MLSys·im's scenarios, personas, scorecards and walls from Python (python-and-cli.md §3, §5)."""

import pytest

import mlsysim


def test_nine_scenarios_and_four_personas_by_mlsysim_names():
    assert len(mlsysim.scenarios()) == 9
    assert mlsysim.scenarios("Applications.KWS")["name"] == "Keyword Spotting"
    assert mlsysim.personas("cloud")["id"] == "CloudTitan"
    assert mlsysim.personas("sim.Personas.TinyPioneer")["scale_factor"] == 1e7


def test_a_scenario_scorecard():
    card = mlsysim.evaluate("ChatbotServing")
    assert [level["verdict"] for level in card["levels"]] == ["PASS", "PASS", "PASS"]
    assert card["passed_all"]
    # python-and-cli.md §5.2: 5.60343284 ms against 500 ms; 2,946.30336 kg and $12,324.1408 a year.
    assert float(card["figures"]["p_latency"]) == pytest.approx(5.60343284e-3, rel=1e-8)
    assert card["figures"]["m_carbon_kg"] == pytest.approx(2946.30336, rel=1e-9)
    assert card["figures"]["m_tco_usd"] == pytest.approx(12324.1408, rel=1e-9)
    assert not mlsysim.evaluate("KeywordSpotting")["passed_all"]


def test_a_model_on_a_device_and_on_a_fleet():
    card = mlsysim.evaluate("Llama3_8B", "H100")
    assert card["levels"][2]["verdict"] == "SKIPPED"
    assert card["figures"]["p_mfu"] == pytest.approx(0.002897977962687719, rel=1e-9)
    fleet = mlsysim.evaluate("Llama3_8B", "H100", batch_size=32, fleet="Research_256", nodes=8, duration_days=30)
    assert fleet["figures"]["m_capex"] == pytest.approx(210410.95890410958, rel=1e-9)
    with pytest.raises(mlsysim.UnknownName):
        mlsysim.evaluate("NoSuchScenario")


def test_the_walls():
    walls = mlsysim.walls()
    assert [w["number"] for w in walls] == list(range(1, 23))
    assert walls[6]["name"] == "Tail Latency" and walls[6]["contracts"] == ["tail_latency"]
