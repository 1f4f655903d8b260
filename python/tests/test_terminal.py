"""What a person sees in a 100-column terminal: commands run on a pseudo-terminal of that size,
and their output is replayed as a terminal shows it (carriage returns overwrite, ESC[K erases).
No progress debris glued to the output, no cut values ("…"), no line wider than the terminal."""

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios

import pytest

COLUMNS = 100


def on_terminal(cli, args, columns=COLUMNS):
    """The lines a terminal of `columns` shows after `mlsysim ARGS`, stdout and stderr together."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(MLSYSIM_PLUGIN_PATH="", MLSYSIM_ZOO_PATH="")
    proc = subprocess.Popen([cli, *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    raw = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program closed its end
            break
        if not chunk:
            break
        raw += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 0, raw.decode(errors="replace")
    return replay(raw.decode())


def replay(text):
    """Carriage return, erase-to-end-of-line and newline as a terminal applies them."""
    lines, line, col = [], [], 0
    i = 0
    while i < len(text):
        c = text[i]
        if text.startswith("\x1b[K", i):
            del line[col:]
            i += 3
            continue
        if c == "\r":
            col = 0
        elif c == "\n":
            lines.append("".join(line).rstrip())
            line, col = [], 0
        else:
            if col < len(line):
                line[col] = c
            else:
                line.append(c)
            col += 1
        i += 1
    if line:
        lines.append("".join(line).rstrip())
    return lines


QUICKSTART = ["sweep", "roofline", "--over", "model=ResNet50,Llama3_8B,Llama3_70B", "--over",
              "hardware=T4,A100,H100,B200", "--set", "batch_size=1", "--set", "precision=fp16",
              "--columns", "latency,throughput,bottleneck,mfu,memory_footprint,feasible"]


@pytest.mark.parametrize("args", [
    QUICKSTART,
    ["sweep", "roofline", "--set", "model=GPT2", "--over", "hardware=*", "--over", "batch_size=1,8"],
    ["zoo", "hardware"],
    ["solve", "roofline", "--model", "ResNet50", "--hardware", "A100"],
])
def test_a_100_column_terminal_shows_whole_values_and_no_progress_debris(cli, args):
    lines = on_terminal(cli, args)
    assert lines, "no output"
    for line in lines:
        assert len(line) <= COLUMNS, f"{len(line)} columns: {line}"
        assert "…" not in line, line
        assert not re.search(r"rows/s", line), f"progress left on screen: {line}"
    header = next(line for line in lines if line.strip() and not line.startswith("("))
    assert not header.startswith(" "), header


def test_the_quick_start_fits_100_columns_whole(cli):
    # Every column it asks for is shown, feasible included (the 70B rows do not fit the devices).
    lines = on_terminal(cli, QUICKSTART)
    assert not any("not shown" in line for line in lines), lines
    assert lines[0].split() == ["model", "hardware", "latency", "throughput", "bottleneck", "mfu",
                                "memory_footprint", "feasible"]


def test_columns_that_do_not_fit_are_named_with_how_to_choose(cli):
    lines = on_terminal(cli, ["sweep", "roofline", "--set", "model=GPT2", "--over", "hardware=A100,H100"])
    text = " ".join(lines)
    assert re.search(r"\(\d+ more column\(s\) not shown: .*use --columns", text), lines
    assert lines[-1].endswith(")"), "the note is under the table"
    # The row values shown are whole: the A100 row starts with the device's id.
    assert any(line.startswith("A100 ") for line in lines), lines
