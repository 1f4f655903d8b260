"""Every command's machine formats: -o csv reads back as rows of one width, -o jsonl lines are
JSON objects whose numbers are numbers, -o markdown is a Markdown table, and stdout carries
nothing else (titles and notes go to stderr)."""

import csv
import io
import json
import re
import subprocess

import pytest

COMMANDS = {
    "solve": ["solve", "roofline", "--model", "GPT2", "--hardware", "A100"],
    "eval": ["eval", "Llama3_8B", "H100"],
    "serve": ["serve", "Llama3_8B", "H100", "--seq-len", "2048"],
    "serve disaggregated": ["serve", "Llama3_8B", "H100", "--seq-len", "2048", "--decode-hardware", "A100"],
    "sweep": ["sweep", "roofline", "--set", "model=GPT2", "--set", "hardware=A100",
              "--over", "batch_size=1,2,4"],
    "zoo hardware": ["zoo", "hardware"],
    "zoo models": ["zoo", "models"],
    "plugins list": ["plugins", "list"],
    "plugins show": ["plugins", "show", "roofline"],
    "elasticity": ["elasticity", "roofline", "--model", "GPT2", "--hardware", "A100",
                   "--of", "latency", "--wrt", "batch_size"],
    "pipeline run": ["pipeline", "run", "{source}/examples/pipelines/data-wall.json"],
    "score": ["score", "{source}/zoo/measured/corpus.jsonl", "--variant", "roofline:reference"],
}
NUMBER = r"-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?"
# Numbers a people-facing table would print with units or prefixes.
UNIT_TEXT = re.compile(r"^-?[0-9.]+(e[+-]?[0-9]+)? ?(k|M|G|T|P)?(s|ms|µs|ns|B|B/s|flop/s|FLOP/s|W|J|%)$")


def run(cli, source_dir, name, fmt):
    args = [a.replace("{source}", str(source_dir)) for a in COMMANDS[name]]
    r = subprocess.run([cli, "-o", fmt, *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"{name}: {r.stderr}"
    assert r.stdout.strip(), f"{name} -o {fmt} printed no data"
    return r.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_csv_is_one_header_and_rows_of_its_width_with_plain_numbers(cli, source_dir, name):
    rows = list(csv.reader(io.StringIO(run(cli, source_dir, name, "csv"))))
    assert len(rows) >= 2, rows
    width = len(rows[0])
    assert all(len(r) == width for r in rows), f"{name}: widths {[len(r) for r in rows]}"
    assert len(set(rows[0])) == width, f"{name}: repeated column names {rows[0]}"
    for row in rows[1:]:
        for cell in row:
            assert not UNIT_TEXT.match(cell) or re.fullmatch(NUMBER, cell), \
                f"{name}: '{cell}' is formatted for people, not a base-unit number"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_jsonl_lines_are_objects_whose_numbers_are_numbers(cli, source_dir, name):
    lines = run(cli, source_dir, name, "jsonl").splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects and all(isinstance(o, dict) for o in objects)
    for o in objects:
        for key, value in o.items():
            if isinstance(value, str):
                assert not re.fullmatch(NUMBER, value), f"{name}: {key}={value!r} is a string"
                assert not UNIT_TEXT.match(value), f"{name}: {key}={value!r} lost its number"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_markdown_is_a_table_and_nothing_else(cli, source_dir, name):
    lines = run(cli, source_dir, name, "markdown").splitlines()
    assert len(lines) >= 3
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines), lines
    assert re.fullmatch(r"\| ---( \| ---)* \|", lines[1]), lines[1]
    widths = {line.count(" | ") for line in lines}
    assert len(widths) == 1, f"{name}: rows of different widths"


def test_serve_csv_carries_the_contracts_numbers(cli, source_dir):
    rows = list(csv.DictReader(io.StringIO(run(cli, source_dir, "serve", "csv"))))
    by_figure = {r["figure"]: r["value"] for r in rows}
    # Llama-3 8B fp16: 32 layers x 8 KV heads x 128 x 2 (K and V) x 2048 tokens x 2 bytes.
    assert float(by_figure["KV cache"]) == 2 * 32 * 8 * 128 * 2048 * 2
    assert by_figure["feasible"] == "true" if "feasible" in by_figure else True
