"""The README's Python snippet (examples/python/quickstart.py) runs as shown."""

import os
import subprocess
import sys


def test_the_readme_snippet_runs_and_prints_what_it_shows(source_dir, tmp_path):
    (tmp_path / "zoo").symlink_to(source_dir / "zoo")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p)
    run = subprocess.run([sys.executable, str(source_dir / "examples" / "python" / "quickstart.py")],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("0.5426") and "Memory" in run.stdout.splitlines()[0]
    assert "roofline:weights_only" in run.stdout
    assert (tmp_path / "roofline.png").stat().st_size > 10000
