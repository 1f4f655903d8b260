"""The fleet-operations contracts from Python: a region list as a Python list (every
element a string), cost and carbon as plain floats, the placement ranking as dicts."""

import pytest

import mlsysim


def test_placement_takes_a_list_of_regions_and_ranks_them():
    # physics-more.md §2.3: a year on Research_256 at mfu 0.4, 500 USD/t -> Norway, then Quebec.
    r = mlsysim.solve("placement", fleet="Research_256", duration_days=365,
                      regions=["Quebec", "Norway", "US_Avg", "Poland"], carbon_tax_per_ton=500, mfu=0.4)
    assert r["best_region"] == "Norway"
    assert r["objective_value"] == pytest.approx(3064638.5152, rel=1e-9)
    assert [c["region"] for c in r["top_candidates"]] == ["Norway", "Quebec", "US_Avg", "Poland"]


def test_a_region_that_is_not_a_string_is_refused_naming_regions():
    with pytest.raises(mlsysim.BadInput) as err:
        mlsysim.solve("placement", fleet="Research_256", duration_days=30, regions=["Quebec", 3])
    assert err.value.field == "regions"
    assert "regions[1]" in str(err.value)


def test_economics_on_a_grid_given_as_a_dict():
    # 256 H100 at full TDP for a day: 179.2 kW x 24 h x PUE 1.3 on a 450 g/kWh grid.
    grid = {"name": "Gas", "carbon_intensity_g_kwh": 450.0, "pue": 1.3, "wue": 1.1, "primary_source": "gas"}
    r = mlsysim.solve("economics", fleet="Research_256", duration_days=1, grid=grid)
    kwh = 179.2 * 24 * 1.3
    assert float(r["total_energy_kwh"]) == pytest.approx(kwh * 3.6e6, rel=1e-12)
    assert r["carbon_footprint_kg"] == pytest.approx(kwh * 0.45, rel=1e-12)
    assert r["opex_energy_usd"] == pytest.approx(kwh * 0.12, rel=1e-12)


def test_racks_and_tiers_are_zoo_entries_found_by_mlsysim_path():
    assert {r["id"] for r in mlsysim.racks()} == {"Traditional", "AI_Standard"}
    assert mlsysim.racks("Infra.Racks.AI_Standard")["power_kw"] == 70.0
    tiny = mlsysim.tiers("Systems.Tiers.Tiny")
    assert tiny["name"] == "TinyML"
    assert float(tiny["ram"]) == 512 * 1024  # 512 KiB, in bytes
    assert {t["id"] for t in mlsysim.tiers()} == {"Cloud", "Edge", "Mobile", "Tiny"}
