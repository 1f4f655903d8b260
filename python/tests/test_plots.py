"""Plots: the CLI's SVG is well-formed, holds the expected points, and renders to a non-blank image;
the matplotlib figures hold the same points."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

import mlsysim

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(cli, *args):
    out = subprocess.run([cli, "plot", *args], check=True, capture_output=True, text=True).stdout
    return ET.fromstring(out)


def test_roofline_svg_has_two_roofs_per_device_and_one_point_per_case(cli):
    root = svg_of(cli, "roofline", "--hardware", "A100,H100", "--model", "ResNet50,Llama3_8B",
                  "--batch-size", "1,64")
    roofs = [p for p in root.iter(SVG + "polyline") if p.get("class") == "series"]
    points = [c for c in root.iter() if c.get("class") == "point"]
    assert len(roofs) == 2 * 2  # per device: the derated roof, and the peak dashed
    assert len([r for r in roofs if r.get("stroke-dasharray")]) == 2
    assert len(points) == 2 * 2 * 2 + 2  # device x model x batch, and a legend shape per model
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "b64" in texts and "b1" in texts and "ResNet50" in texts and "Llama3_8B" in texts


def test_sweep_svg_has_one_line_per_value_of_the_second_axis(cli):
    root = svg_of(cli, "sweep", "roofline", "--over", "batch_size=1..256:*2", "--over", "model=GPT2,Llama3_8B",
                  "--set", "hardware=H100", "--y", "throughput")
    lines = [p for p in root.iter(SVG + "polyline") if p.get("class") == "series"]
    assert len(lines) == 2
    assert all(len(line.get("points").split()) == 9 for line in lines)


def test_the_svg_renders_to_a_picture_that_is_not_blank(cli, tmp_path):
    assert shutil.which("rsvg-convert"), "rsvg-convert (librsvg2-bin) is installed by scripts/setup.sh"
    png = tmp_path / "roofline.png"
    subprocess.run([cli, "plot", "roofline", "--hardware", "A100", "--model", "GPT2", "--file", str(png)], check=True)
    import matplotlib.image
    pixels = matplotlib.image.imread(png)
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    assert pixels[..., :3].std() > 0.05  # a blank (one-colour) image has none
    assert (pixels[..., :3].sum(axis=2) < 1.5).mean() > 0.005  # some dark ink: axes, lines, text


def test_matplotlib_figures_hold_the_same_points(tmp_path):
    fig = mlsysim.plot.roofline(["A100", "H100"], ["ResNet50"], [1, 8])
    ax = fig.axes[0]
    assert len(ax.lines) >= 2 and len(ax.collections) == 4 + 1  # the points, and the model's legend marker
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    ridge = mlsysim.solve("roofline", model="ResNet50", hardware="A100").outputs["ridge_point"]
    assert f"A100: ridge {float(ridge):.3g} FLOP/B" in labels and "ResNet50" in labels
    hollow = mlsysim.plot.roofline(["T4"], ["Llama3_70B", "GPT2"]).axes[0].collections
    faces = [tuple(c.get_facecolors()[0]) for c in hollow[:2]]
    assert faces[0] == (1.0, 1.0, 1.0, 1.0) and faces[1] != (1.0, 1.0, 1.0, 1.0)  # Llama3_70B does not fit
    fig.savefig(tmp_path / "r.png")
    df = mlsysim.sweep("roofline", over={"model": ["GPT2", "ResNet50"], "batch_size": [1, 2, 4]},
                       set={"hardware": "A100"})
    fig = mlsysim.plot.sweep(df, "batch_size", "latency", lines="model")
    assert len(fig.axes[0].lines) == 2
    assert (tmp_path / "r.png").stat().st_size > 1000


def bounded_plot(cli, args, env=None):
    """`mlsysim plot ARGS` with 2 GB of memory and 30 s: a runaway tick loop fails here.

    Under AddressSanitizer (the sanitizer preset preloads its runtime) the address space cannot be
    capped, since ASan reserves terabytes of shadow memory; ASan's own resident-memory limit
    bounds the process instead."""
    import os
    import resource

    env = {**os.environ, **(env or {})}
    under_asan = "asan" in os.environ.get("LD_PRELOAD", "")

    def limit():
        if not under_asan:
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    if under_asan:
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":hard_rss_limit_mb=2048"
    r = subprocess.run([cli, "plot", *args], capture_output=True, text=True, timeout=30, preexec_fn=limit, env=env)
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout)
    ticks = [t for t in root.iter(SVG + "text") if t.get("class") == "tick"]
    return root, ticks


@pytest.mark.parametrize("over", ["batch_size=10000000000000000,10000000000000002",
                                  "efficiency=0.5,0.5000000000000001",
                                  "batch_size=1,2"])
def test_ticks_stay_few_for_values_a_few_ulps_apart(cli, over):
    _, ticks = bounded_plot(cli, ["sweep", "roofline", "--set", "model=GPT2", "--set", "hardware=A100",
                                  "--over", over, "--y", "latency"])
    assert len(ticks) <= 2 * 12


def zoo_with(tmp_path, kind, text):
    """A zoo directory holding one `kind` ("hardware" or "models") file: MLSYSIM_ZOO_PATH for it."""
    (tmp_path / kind).mkdir()
    (tmp_path / kind / "entry.json").write_text(text)
    return {"MLSYSIM_ZOO_PATH": str(tmp_path)}


def test_a_device_with_a_denormal_peak_still_plots(cli, tmp_path):
    env = zoo_with(tmp_path, "hardware",
                   '{"id": "Tiny", "name": "tiny", "category": "Edge", "compute": {"peak_flops": "1e-310 flop/s"},'
                   ' "memory": {"capacity": "1 GB", "bandwidth": "1e-310 B/s"}}')
    _, ticks = bounded_plot(cli, ["roofline", "--hardware", "Tiny,A100", "--model", "GPT2"], env=env)
    assert len(ticks) <= 2 * 12


def test_labels_with_control_characters_give_well_formed_svg(cli, tmp_path):
    env = zoo_with(tmp_path, "models",
                   '{"id": "Odd\\u0001\\u001bX", "name": "odd", "category": "Language", "class": "transformer",'
                   ' "parameters": 1e9, "inference_flops": "2e9 flop", "layers": 2}')
    root, _ = bounded_plot(cli, ["roofline", "--hardware", "A100", "--model", "Odd\x01\x1bX"], env=env)
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "OddX" in texts


def test_a_failed_write_leaves_the_old_file_whole_and_no_partial_file(cli, tmp_path):
    import os
    target = tmp_path / "plot.png"
    target.write_bytes(b"the old picture")
    args = [cli, "plot", "sweep", "roofline", "--set", "model=GPT2", "--set", "hardware=A100",
            "--over", "batch_size=1,2", "--y", "latency", "--file", str(target)]
    # No rsvg-convert on PATH: the PNG cannot be made.
    r = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "PATH": "/nonexistent"})
    assert r.returncode != 0 and "rsvg-convert" in r.stderr
    assert target.read_bytes() == b"the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plot.png"]
    # A successful write replaces it whole.
    svg = tmp_path / "plot.svg"
    subprocess.run(args[:-1] + [str(svg)], check=True)
    ET.parse(svg)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plot.png", "plot.svg"]
