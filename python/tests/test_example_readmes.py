"""The README and every example README show what its commands print: each ```sh block holding one
`mlsysim ...` command, followed by a plain ``` block, is run from the source tree and its
standard output must equal that block (so no printed number in an example goes stale)."""

import pathlib
import re
import shlex
import subprocess


BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)


def shown_commands(source_dir):
    root = pathlib.Path(source_dir)
    for readme in [root / "README.md"] + sorted(root.glob("examples/*/README.md")):
        blocks = BLOCK.findall(readme.read_text())
        for (lang, body), (next_lang, shown) in zip(blocks, blocks[1:]):
            lines = [line for line in body.splitlines() if line.strip() and not line.startswith("#")]
            if lang == "sh" and next_lang == "" and len(lines) == 1 and lines[0].startswith("mlsysim "):
                yield readme.relative_to(source_dir), lines[0].split("  #")[0].strip(), shown


def test_example_readmes_show_what_their_commands_print(source_dir, cli):
    checked, stale = 0, []
    for readme, command, shown in shown_commands(source_dir):
        run = subprocess.run([cli] + shlex.split(command)[1:], cwd=source_dir, capture_output=True, text=True,
                             timeout=300)
        checked += 1
        if run.stdout.rstrip("\n") != shown.rstrip("\n"):
            stale.append(f"{readme}: {command}\n--- shown\n{shown}--- printed\n{run.stdout}{run.stderr}")
    assert checked >= 10
    assert not stale, "\n\n".join(stale)
