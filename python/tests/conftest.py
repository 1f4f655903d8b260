import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("MLSYSIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("MLSYSIM_CLI", str(SOURCE / "build" / "bin" / "mlsysim"))
    assert pathlib.Path(path).exists(), f"the mlsysim CLI is not built at {path}"
    return path
