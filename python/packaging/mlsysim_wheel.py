"""A PEP 517 build backend for `pip install .`, with no build requirements.

pip builds a project in an isolated environment into which it installs the
backend's requirements from an index; offline (Debian's pip, no index) a
setuptools or scikit-build backend cannot be fetched. This backend needs only
the standard library and CMake: it builds the project, installs it into a
staging prefix and packs that prefix as one wheel:

  * the Python package (lib/python3/dist-packages/mlsysim/) at the wheel's
    root, so it lands in site-packages;
  * bin/mlsysim as a script, so it lands in the environment's bin/;
  * everything else (libraries, plugins, zoo, headers, the CMake package,
    completion, man page) under <name>.data/data/, so it lands under the
    environment's prefix with the install tree's layout.

Site-packages sits three directories below the prefix (lib/python3.X/
site-packages), as lib/python3/dist-packages does, so the relative paths the
install tree is built with (the module's RUNPATH, the plugin directory) hold.

Config settings (pip install . --config-settings build-dir=DIR): `build-dir`
reuses a configured build tree (the tests pass the one they run from);
otherwise build-wheel/ in the source tree, configured Release without tests.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
NAME = "mlsysim"
PYTHON_PACKAGE_DIR = Path("lib/python3/dist-packages")


def _version() -> str:
    text = (SOURCE / "CMakeLists.txt").read_text()
    match = re.search(r"project\(mlsysim VERSION ([0-9.]+)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt: no `project(mlsysim VERSION x.y.z)` line")
    return match.group(1)


def _metadata() -> str:
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {_version()}\n"
            "Summary: First-principles performance modelling of ML systems (C++20 plugins)\n"
            "Requires-Python: >=3.9\nLicense: Apache-2.0\n")


def _tag() -> str:
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{interpreter}-{platform}"


def _run(command: list[str], log: Path) -> None:
    with log.open("ab") as out:
        out.write(("$ " + " ".join(command) + "\n").encode())
        out.flush()
        if subprocess.run(command, stdout=out, stderr=subprocess.STDOUT).returncode != 0:
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise RuntimeError(f"`{' '.join(command)}` failed (log: {log})")


def _build_and_stage(build_dir: Path, staging: Path, log: Path) -> None:
    if not (build_dir / "CMakeCache.txt").exists():
        _run(["cmake", "-S", str(SOURCE), "-B", str(build_dir), "-G", "Ninja",
              "-DCMAKE_BUILD_TYPE=Release", "-DMLSYSIM_BUILD_TESTS=OFF",
              "-DMLSYSIM_BUILD_BENCHMARKS=OFF"], log)
    _run(["cmake", "--build", str(build_dir)], log)
    _run(["cmake", "--install", str(build_dir), "--prefix", str(staging)], log)


def _wheel_path(staged: Path, data_dir: str) -> str:
    """Where a file of the staged install tree goes in the wheel."""
    parts = staged.parts
    package_depth = len(PYTHON_PACKAGE_DIR.parts)
    if Path(*parts[:package_depth]) == PYTHON_PACKAGE_DIR:
        return "/".join(parts[package_depth:])
    if parts[0] == "bin":
        return f"{data_dir}/scripts/{'/'.join(parts[1:])}"
    return f"{data_dir}/data/{'/'.join(parts)}"


def _record_line(path: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [path, f"sha256={digest}", str(len(data))]


def _pack(staging: Path, wheel: Path) -> None:
    if not (staging / PYTHON_PACKAGE_DIR / NAME).is_dir():
        raise RuntimeError(f"the build has no Python package ({PYTHON_PACKAGE_DIR / NAME}): "
                           "configure it with MLSYSIM_PYTHON=ON")
    version = _version()
    data_dir, dist_info = f"{NAME}-{version}.data", f"{NAME}-{version}.dist-info"
    records = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        def add(name: str, data: bytes, mode: int = 0o644) -> None:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
            records.append(_record_line(name, data))

        # Wheels hold no links: a library's SONAME and development links are packed as
        # copies of the file they name (the loader looks the SONAME up).
        for file in sorted(p for p in staging.rglob("*") if p.is_file()):
            mode = 0o755 if os.access(file, os.X_OK) else 0o644
            add(_wheel_path(file.relative_to(staging), data_dir), file.read_bytes(), mode)
        add(f"{dist_info}/METADATA", _metadata().encode())
        add(f"{dist_info}/WHEEL", (f"Wheel-Version: 1.0\nGenerator: mlsysim_wheel\n"
                                   f"Root-Is-Purelib: false\nTag: {_tag()}\n").encode())
        table = io.StringIO()
        csv.writer(table, lineterminator="\n").writerows(records + [[f"{dist_info}/RECORD", "", ""]])
        archive.writestr(f"{dist_info}/RECORD", table.getvalue())


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    settings = config_settings or {}
    build_dir = Path(settings.get("build-dir") or SOURCE / "build-wheel").resolve()
    name = f"{NAME}-{_version()}-{_tag()}.whl"
    with tempfile.TemporaryDirectory() as work:
        staging = Path(work) / "prefix"
        _build_and_stage(build_dir, staging, Path(work) / "build.log")
        _pack(staging, Path(wheel_directory) / name)
    return name


def build_sdist(sdist_directory, config_settings=None):
    """The tracked source tree and PKG-INFO, as a .tar.gz."""
    base = f"{NAME}-{_version()}"
    files = subprocess.run(["git", "-C", str(SOURCE), "ls-files", "-z"], capture_output=True,
                           check=True).stdout.decode().split("\0")
    name = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / name, "w:gz") as archive:
        for file in filter(None, files):
            archive.add(SOURCE / file, arcname=f"{base}/{file}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode()
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return name
