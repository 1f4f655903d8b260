"""Plots for a paper: no two texts of a picture overlap, no label covers a marker, everything stays on
the canvas, log axes read in decades, axis units match their ticks, infeasible points are hollow and
listed, and PNG/PDF come through rsvg-convert. Text boxes are measured here, independently of the
program, with FreeType on the DejaVu Sans the SVG names (matplotlib's FT2Font, kerning included)."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"
FONTS = "/usr/share/fonts/truetype/dejavu/"

README_ROOFLINE = ["roofline", "--hardware", "A100,H100", "--model", "ResNet50,Llama3_8B", "--batch-size", "1,64"]
README_SWEEP = ["sweep", "roofline", "--over", "batch_size=1..1024:*2", "--over", "model=ResNet50,GPT2,Llama3_8B",
                "--set", "hardware=H100", "--y", "throughput"]
EIGHT_BY_FOUR_BY_THREE = ["roofline", "--hardware", "A100,H100,B200,T4,V100,MI300X,TPUv5p,Gaudi3",
                          "--model", "ResNet50,Llama3_8B,GPT2,Llama3_70B", "--batch-size", "1,16,256"]
PICTURES = {
    "readme roofline": README_ROOFLINE,
    "readme sweep": README_SWEEP,
    "8 devices x 4 models x 3 batches": EIGHT_BY_FOUR_BY_THREE,
    "edge devices, fp32": ["roofline", "--hardware", "JetsonOrinNX,Pixel8,iPhone15Pro,Coral,ESP32_S3",
                           "--model", "ResNet50,MobileNetV2", "--batch-size", "1,8", "--precision", "fp32"],
    "small canvas, large font": EIGHT_BY_FOUR_BY_THREE + ["--width", "420", "--height", "300", "--font-size", "18"],
    "serving itl in ms": ["sweep", "serving", "--over", "batch_size=1..64:*2", "--over", "model=Llama3_8B,Llama3_70B",
                          "--set", "hardware=H100", "--set", "seq_len=4096", "--y", "itl"],
    "linear axes": ["sweep", "roofline", "--over", "efficiency=0.1..1:+0.1", "--set", "model=GPT2",
                    "--set", "hardware=A100", "--y", "latency", "--log", "none"],
}


def plot(cli, args, check=True):
    r = subprocess.run([cli, "plot", *args], capture_output=True, text=True, timeout=60)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def svg_of(cli, args):
    return ET.fromstring(plot(cli, args).stdout)


@pytest.fixture(scope="module")
def fonts():
    from matplotlib.ft2font import FT2Font
    return {False: FT2Font(FONTS + "DejaVuSans.ttf"), True: FT2Font(FONTS + "DejaVuSans-Bold.ttf")}


def box_of(text, fonts, default_size):
    """(left, top, right, bottom) of the ink of one <text>, in canvas pixels."""
    size = float(text.get("font-size", default_size))
    font = fonts[text.get("font-weight") == "bold"]
    font.set_size(size, 72)  # at 72 dpi a point is a pixel
    font.set_text(text.text or "", 0.0)
    w, h = (v / 64 for v in font.get_width_height())
    descent = font.get_descent() / 64
    anchor = text.get("text-anchor", "start")
    transform = text.get("transform")
    if transform:  # translate(x,y) rotate(-90): the text runs upwards, centred on its anchor
        x, y = (float(v) for v in re.match(r"translate\(([-\d.]+),([-\d.]+)\)", transform).groups())
        assert "rotate(-90)" in transform and anchor == "middle"
        return (x - (h - descent), y - w / 2, x + descent, y + w / 2)
    x, y = float(text.get("x")), float(text.get("y"))
    left = x - {"start": 0, "middle": w / 2, "end": w}[anchor]
    return (left, y - (h - descent), left + w, y + descent)


def overlap(a, b, slack=0.5):
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def marker_boxes(root):
    boxes = []
    for m in root.iter():
        if m.get("class") != "point":
            continue
        if m.tag == SVG + "circle":
            x, y, r = (float(m.get(k)) for k in ("cx", "cy", "r"))
            boxes.append((x - r, y - r, x + r, y + r))
        else:
            pts = [tuple(map(float, p.split(","))) for p in m.get("points").split()]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


@pytest.mark.parametrize("name", PICTURES)
def test_no_two_texts_overlap_and_all_stay_on_the_canvas(cli, fonts, name):
    root = svg_of(cli, PICTURES[name])
    width, height = float(root.get("width")), float(root.get("height"))
    texts = [t for t in root.iter(SVG + "text") if (t.text or "").strip()]
    boxes = [box_of(t, fonts, root.get("font-size")) for t in texts]
    assert len(boxes) > 8
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[2] <= width and a[3] <= height, f"{texts[i].text!r} is off the canvas"
        for j in range(i):
            assert not overlap(a, boxes[j]), f"{texts[i].text!r} overlaps {texts[j].text!r}"
    labels = [box_of(t, fonts, root.get("font-size")) for t in texts if t.get("class") == "label"]
    for a in labels:
        for m in marker_boxes(root):
            assert not overlap(a, m), "a point label covers a marker"


def test_every_operating_point_is_drawn_or_accounted_for(cli):
    root = svg_of(cli, EIGHT_BY_FOUR_BY_THREE)
    markers = [m for m in marker_boxes(root)]
    legend_markers = 4 + 1  # a shape per model, and the hollow key
    assert len(markers) == 8 * 4 * 3 + legend_markers
    notes = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    labels = [t for t in root.iter(SVG + "text") if t.get("class") == "label"]
    left_out = re.search(r"(\d+) point labels? (?:is|are) left out", notes)
    assert len(labels) + (int(left_out.group(1)) if left_out else 0) == 8 * 4 * 3


def test_log_axes_read_in_decades_and_units_match_the_ticks(cli):
    root = svg_of(cli, README_ROOFLINE)
    ticks = [t.text for t in root.iter(SVG + "text") if t.get("class") == "tick"]
    assert ticks and all(re.fullmatch("10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+", t) for t in ticks), ticks
    titles = [t.text for t in root.iter(SVG + "text")]
    assert "performance [TFLOP/s]" in titles or any(t.startswith("performance [") for t in titles)
    # ITL in ms: the solver's ms values lie within the labelled ms ticks.
    root = svg_of(cli, ["sweep", "serving", "--over", "batch_size=1,64", "--set", "model=Llama3_8B", "--set",
                        "hardware=H100", "--set", "seq_len=4096", "--y", "itl", "--log", "none"])
    texts = [t for t in root.iter(SVG + "text")]
    assert any(t.get("transform") and t.text == "itl [ms]" for t in texts)
    values = [float(t.text) for t in texts if t.get("class") == "tick" and re.fullmatch(r"[\d.]+", t.text)]
    solved = subprocess.run([cli, "solve", "serving", "--model", "Llama3_8B", "--hardware", "H100", "--seq-len",
                             "4096", "--batch-size", "64", "-o", "json"], capture_output=True, text=True)
    if solved.returncode == 0:
        import json
        itl = json.loads(solved.stdout)["outputs"]["itl"]["value"] * 1e3
        assert min(values) <= itl <= max(values) * 1.2


def test_the_derated_roof_and_ridge_are_the_solvers(cli):
    import json
    root = svg_of(cli, ["roofline", "--hardware", "A100", "--model", "GPT2", "--efficiency", "0.5"])
    legend = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    r = subprocess.run([cli, "run", "-"], input=json.dumps({"solver": "roofline", "inputs": {
        "model": "GPT2", "hardware": "A100", "efficiency": 0.5}}) + "\n", capture_output=True, text=True)
    ridge = json.loads(r.stdout)["outputs"]["ridge_point"]["value"]
    assert f"A100: ridge {ridge:.3g} FLOP/B" in legend
    assert abs(ridge - 312e12 * 0.5 / 2.039e12) < 1e-9 * ridge  # the zoo's A100: derated peak over bandwidth
    dashed = [p for p in root.iter(SVG + "polyline") if p.get("stroke-dasharray")]
    assert len(dashed) == 1, "the un-derated peak is drawn dashed"


def test_infeasible_points_are_hollow_and_listed(cli):
    root = svg_of(cli, ["roofline", "--hardware", "T4,H100", "--model", "Llama3_70B,GPT2"])
    hollow = [m for m in root.iter() if m.get("class") == "point" and m.get("fill") == "white"]
    assert len(hollow) == 2 + 1  # Llama3_70B on both devices, and the legend's key
    notes = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "Llama3_70B b1 on T4, H100" in notes.replace("\n", " ")


def test_where_keeps_only_the_rows_that_hold(cli):
    args = ["sweep", "roofline", "--over", "batch_size=1..1024:*2", "--set", "model=Llama3_8B", "--set",
            "hardware=H100", "--y", "latency"]
    everything = [m for m in marker_boxes(svg_of(cli, args))]
    kept = [m for m in marker_boxes(svg_of(cli, args + ["--where", "latency <= 20 ms"]))]
    assert len(everything) == 11 and 0 < len(kept) < 11
    title = " ".join(t.text or "" for t in svg_of(cli, args + ["--where", "latency <= 20 ms"]).iter(SVG + "text"))
    assert "hardware=H100" in title and "latency <= 20 ms" in title
    r = plot(cli, args + ["--where", "latency < 0 s"], check=False)
    assert r.returncode == 1 and "nothing to plot" in r.stderr


def test_png_and_pdf_come_through_rsvg_convert_and_other_names_are_refused(cli, tmp_path):
    assert shutil.which("rsvg-convert"), "rsvg-convert (librsvg2-bin) is installed by scripts/setup.sh"
    for name in ("r.png", "r.pdf", "r.svg"):
        plot(cli, README_ROOFLINE + ["--file", str(tmp_path / name)])
    assert (tmp_path / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    ET.parse(tmp_path / "r.svg")
    r = plot(cli, README_ROOFLINE + ["--file", str(tmp_path / "r.jpg")], check=False)
    assert r.returncode == 1 and ".svg, .png or .pdf" in r.stderr
    assert not (tmp_path / "r.jpg").exists()


def test_size_and_font_options_change_the_canvas(cli, fonts):
    small = svg_of(cli, README_ROOFLINE + ["--width", "640", "--height", "400", "--font-size", "10"])
    large = svg_of(cli, README_ROOFLINE + ["--width", "1400", "--height", "900", "--font-size", "16"])
    assert float(small.get("width")) < float(large.get("width"))
    assert float(small.get("height")) < float(large.get("height"))
    assert small.get("font-size") == "10.0" and large.get("font-size") == "16.0"
    r = plot(cli, README_ROOFLINE + ["--font-size", "0"], check=False)
    assert r.returncode != 0 and "font-size" in r.stderr
