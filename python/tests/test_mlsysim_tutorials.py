"""MLSys·im 0.1.0's seed tutorials, written as a 0.1.0 user writes them, through mlsysim's
compatibility layer; each checks the numbers python-and-cli.md §2 lists (0.1.0's own where the
tutorial's prose is stale)."""

import math

import pytest

import mlsysim
from mlsysim import Engine, Hardware, Models
from mlsysim.core.constants import Q_


def test_hello_roofline():
    model, hardware = Models.ResNet50, Hardware.Cloud.A100
    assert (model.name, model.architecture) == ("ResNet-50", "CNN")
    assert model.parameters.magnitude == 25_600_000 and model.parameters.units == "param"
    assert model.inference_flops.m_as("flop") == 4.1e9
    assert hardware.compute.peak_flops.to("TFLOPs/s").magnitude == 312.0
    assert hardware.memory.bandwidth.to("TB/s").magnitude == pytest.approx(2.039)
    assert hardware.ridge_point().magnitude == pytest.approx(153.016, rel=1e-5)
    profile = Engine.solve(model, hardware, batch_size=1, precision="fp16")
    assert profile.bottleneck == "Memory"
    assert profile.latency.to("ms").magnitude == pytest.approx(0.5426213830308975, rel=1e-12)
    assert profile.throughput.magnitude == pytest.approx(1842.9056267822364, rel=1e-12)
    assert profile.arithmetic_intensity.magnitude == pytest.approx(72.80, rel=1e-3)
    sweep = {b: Engine.solve(model, hardware, batch_size=b, precision="fp16") for b in (1, 4, 16, 32, 64, 128, 256)}
    assert [p.bottleneck for p in sweep.values()] == ["Memory"] + ["Compute"] * 6
    assert sweep[256].latency.to("ms").magnitude == pytest.approx(7.2432051, rel=1e-7)
    assert round(sweep[32].throughput.magnitude) == 23598


def test_the_memory_wall():
    a100, h100 = Hardware.Cloud.A100, Hardware.Cloud.H100
    bw_ratio = h100.memory.bandwidth.to("TB/s").magnitude / a100.memory.bandwidth.to("TB/s").magnitude
    assert f"{bw_ratio:.1f}x" == "1.6x"
    assert h100.ridge_point().magnitude == pytest.approx(295.2, rel=1e-3)
    model = Models.Llama3_8B
    on_a100 = Engine.solve(model, a100, batch_size=1, precision="fp16")
    on_h100 = Engine.solve(model, h100, batch_size=1, precision="fp16")
    assert on_a100.latency.to("ms").magnitude == pytest.approx(8.999051005394804, rel=1e-12)
    assert on_h100.latency.to("ms").magnitude == pytest.approx(5.603432835820896, rel=1e-12)
    assert f"{on_a100.latency / on_h100.latency:.1f}x" == "1.6x"
    assert on_a100.memory_footprint.to("GB").magnitude == pytest.approx(16.06)
    v100 = Engine.solve(model, Hardware.V100, batch_size=1)
    assert v100.latency.to("ms").magnitude == pytest.approx(19.97, abs=0.005)
    assert Engine.solve(model, Hardware.B200).latency.to("ms").magnitude == pytest.approx(2.536, abs=0.0005)


def test_starving_the_gpu():
    model, hardware = Models.ResNet50, Hardware.A100
    profile = mlsysim.SingleNodeModel().solve(model=model, hardware=hardware, batch_size=256, precision="fp16")
    assert profile.latency.to("ms").magnitude == pytest.approx(7.243205128205129, rel=1e-12)
    sample = Q_("500 KB")
    demand = Q_((256 * sample).to("GB").magnitude / profile.latency.to("s").magnitude, "GB/s")
    assert demand.magnitude == pytest.approx(17.672, rel=1e-4)
    storage = mlsysim.DataModel().solve(workload_data_rate=demand, hardware=hardware)
    assert storage.is_stalled and math.isinf(storage.utilization)
    assert storage.supply_bw.magnitude == 0.0
    cpu = mlsysim.TransformationModel().solve(batch_size=256, sample_size_bytes=sample,
                                              cpu_throughput=Q_("2 GB/s"), accelerator_step_time=profile.latency)
    assert cpu.transform_time.to("ms").magnitude == pytest.approx(64.0)
    assert cpu.is_bottleneck
    assert cpu.accelerator_utilization == pytest.approx(0.113, abs=5e-4)
    assert cpu.slowdown_factor == pytest.approx(8.835867, rel=1e-6)


def test_where_to_invest():
    result = mlsysim.SensitivitySolver().solve(model=Models.Language.Llama3_70B, hardware=Hardware.A100,
                                               precision="fp16")
    assert result.baseline_latency.to("ms").magnitude == pytest.approx(4854.565, rel=1e-6)
    assert {k: f"{v:+.4f}" for k, v in result.sensitivities.items()} == {
        "peak_flops": "+0.0000", "memory_bandwidth": "+0.0000", "memory_capacity": "+0.0000"}
    assert result.binding_constraint == "peak_flops"
    spec = mlsysim.SynthesisSolver().solve(model=Models.Llama3_70B, target_latency=Q_("50 ms"), precision="fp16")
    assert spec.required_bw.to("TB/s").magnitude == pytest.approx(2.824, rel=1e-3)
    assert spec.required_flops.to("TFLOPs/s").magnitude == pytest.approx(5.648, rel=1e-3)
    assert spec.required_memory.to("GB").magnitude == pytest.approx(141.2)


def test_the_data_wall_example():
    batch_bytes = 224 * 224 * 3 * 2 * 256
    storage = Q_("3.0 GB/s")
    io_ms = Q_(batch_bytes, "B") / storage
    assert io_ms.to("ms").magnitude == pytest.approx(25.690112)
    expected = {"V100": 51.9008, "A100": 21.6996, "H100": 7.87764}
    for name, compute_ms in expected.items():
        profile = Engine.solve(Models.Vision.ResNet50, getattr(Hardware, name), batch_size=256, precision="fp16",
                               is_training=True)
        assert profile.latency.to("ms").magnitude == pytest.approx(compute_ms, rel=1e-5), name
        assert profile.bottleneck == "Compute"


def test_quantities_convert_and_refuse_mixed_dimensions():
    latency = Engine.solve(Models.ResNet50, Hardware.A100).latency
    assert f"{latency.to('ms'):.2f}" == "0.54 ms"
    assert latency.m_as("s") == pytest.approx(0.0005426213830308974)
    with pytest.raises(mlsysim.units.DimensionalityError):
        latency + Engine.solve(Models.ResNet50, Hardware.A100).energy
    assert mlsysim.ureg.Quantity(3, "GB/s").to("MB/s").magnitude == pytest.approx(3000)


def test_resolver_classes_describe_themselves():
    assert mlsysim.SingleNodeModel().schema()["type"] == "model"
    assert [w["number"] for w in mlsysim.SingleNodeModel().schema()["walls"]] == [1, 2]
    assert mlsysim.ParallelismOptimizer().schema()["type"] == "optimizer"
    assert len(mlsysim.EconomicsModel().fallacies()) == 3
    assert mlsysim.ServingModel().fallacies() == {}
    assert mlsysim.core.wall(7)["name"] == "Tail Latency"
    with pytest.raises(KeyError):
        mlsysim.core.wall(23)


def test_registries_have_mlsysims_categories_and_flat_names():
    assert Models.GPT2 is Models.Language.GPT2
    assert Hardware.Jetson.name == Hardware.Edge.JetsonOrinNX.name
    assert mlsysim.Systems.Clusters.Research_256.name
    assert mlsysim.Infra.Grids.Quebec.name == "Quebec (Hydro)"
    assert mlsysim.Scenarios.ChatbotServing.name == "Chatbot Serving"
    with pytest.raises(AttributeError):
        Models.NoSuchModel


def test_plot_roofline_returns_a_figure_and_axes():
    pytest.importorskip("matplotlib")
    fig, ax = mlsysim.plot_roofline(Hardware.H100, workloads=[Models.Llama3_8B])
    assert ax in fig.axes
