"""Every file the README mentions exists (paths under the project's own folders)."""

import re


def test_every_path_the_readme_mentions_exists(source_dir):
    text = (source_dir / "README.md").read_text()
    roots = ("scripts", "examples", "docs", "zoo", "tests", "sdk", "plugins", "framework", "registry", "cli",
             "python", "benchmarks", ".ci")
    pattern = re.compile(r"(?<![\w/.-])((?:%s)/[\w./-]*[\w/])" % "|".join(re.escape(r) for r in roots))
    mentioned = sorted({m.group(1).rstrip("/.") for m in pattern.finditer(text)})
    assert len(mentioned) > 10
    missing = [p for p in mentioned if "*" not in p and not (source_dir / p).exists()]
    assert not missing, f"the README mentions files that do not exist: {missing}"
