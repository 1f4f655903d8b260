"""The training-at-scale contracts from Python: fleets by id or as dicts, nested outputs
as dotted keys and DataFrame columns, and lists of records as lists of dicts."""

import pytest

import mlsysim

NODE_MTBF_HOURS = 1 / (8 / 50000 + 8 / 150000 + 2 / 100000)  # DGX H100: 8 GPUs, 8 NICs, 2 PSUs


def test_the_optimizers_best_split_and_top_candidates():
    # physics-more.md §1.4: Llama-3.1-8B, Research_256, batch 1024 -> TP 4 / PP 1 / DP 64 first.
    r = mlsysim.solve("parallelism", model="Llama3_8B", fleet="Research_256", batch_size=1024)
    assert (r["best_config.tp"], r["best_config.pp"], r["best_config.dp"]) == (4, 1, 64)
    top = r["top_candidates"]
    assert [(c["config.tp"], c["config.pp"], c["config.dp"]) for c in top] == [
        (4, 1, 64), (8, 1, 32), (2, 1, 128), (1, 1, 256), (4, 2, 32)]
    assert top[0]["mfu"] == pytest.approx(0.4699926896464224, rel=1e-12)


def test_a_fleet_given_as_a_dict():
    fleet = {"node": "DGX_H100", "count": 4, "fabric": "Ethernet_10G"}
    r = mlsysim.solve("reliability", fleet=fleet, job_duration_hours=1)
    assert float(r["fleet_mtbf"]) == pytest.approx(NODE_MTBF_HOURS / 4 * 3600, rel=1e-12)
    with pytest.raises(mlsysim.BadInput) as err:
        mlsysim.solve("reliability", fleet={**fleet, "count": 0}, job_duration_hours=1)
    assert err.value.field == "fleet.count"


def test_sweeps_have_dotted_columns_for_nested_outputs():
    df = mlsysim.sweep("distributed", over={"tp_size": [1, 2, 4]},
                       set={"model": "Llama3_8B", "fleet": "Research_256", "batch_size": 1024})
    assert list(df["parallelism.tp"]) == [1, 2, 4]
    assert list(df["parallelism.dp"]) == [256, 128, 64]
    assert "node_profile.feasible" in df.columns


def test_the_fleet_zoo_is_listed_and_entries_are_found_by_id():
    ids = {f["id"] for f in mlsysim.fleets()}
    assert ids == {"Research_256", "Production_2K", "Frontier_8K", "Mega_100K"}
    research = mlsysim.fleets("Research_256")
    assert research["count"] == 32
    assert {n["id"] for n in mlsysim.nodes()} >= {"DGX_H100"}
    assert {f["id"] for f in mlsysim.fabrics()} >= {"InfiniBand_NDR", "Ethernet_100G"}
    assert len(mlsysim.grids()) == 4
    with pytest.raises(mlsysim.UnknownName) as err:
        mlsysim.fleets("Reserch_256")
    assert "Research_256" in str(err.value)  # did you mean
    with pytest.raises(mlsysim.BadInput):
        mlsysim._zoo_entries("racks", None)


def test_sweeps_vary_a_field_of_the_fleet():
    df = mlsysim.sweep("reliability", over={"fleet.count": "16..128:*2"},
                       set={"fleet": "Research_256", "job_duration_hours": 720})
    assert list(df["fleet.count"]) == [16, 32, 64, 128]
    for count, mtbf in zip(df["fleet.count"], df["fleet_mtbf"]):
        assert mtbf == pytest.approx(NODE_MTBF_HOURS * 3600 / count, rel=1e-12)
