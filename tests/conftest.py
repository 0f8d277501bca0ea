"""Shared fixtures: paths to the project's raw data and tiny test corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_RAW = FIXTURES / "mini_raw"


@pytest.fixture
def mini_raw(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture corpus."""
    target = tmp_path / "raw"
    shutil.copytree(MINI_RAW, target)
    return target
