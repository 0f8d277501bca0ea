"""Smoke runs of benchmarks/silver.py and benchmarks/rebuild.py at tiny sizes, so that they keep working
(not timed tests)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import EXCERPT

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # rebuild.py imports generate.py beside it
    spec = importlib.util.spec_from_file_location(f"jsec_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_silver_benchmark_runs_at_tiny_sizes(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXCERPT, corpus / "2015-07-31.json.gz")
    out = tmp_path / "silver.json"
    bench = _module("silver")
    assert bench.main(["--corpus", str(corpus), "--workdir", str(tmp_path / "work"), "--repeat", "1", "--sizes", "40",
                       "--skip-all", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["identical_outputs_default"]
    names = [row["figure"] for row in figures["rows"]]
    assert any("dask --workers 2" in name for name in names) and any("synthetic 40 records" in name for name in names)


def test_the_rebuild_benchmark_runs_at_tiny_sizes(tmp_path: Path) -> None:
    if not Path(sys.executable).with_name("jsec").exists():
        pytest.skip("the jsec console script is not installed beside this Python")
    out = tmp_path / "rebuild.json"
    bench = _module("rebuild")
    assert bench.main(["--articles", "12", "--jobs", "1", "--repeat", "1", "--workdir", str(tmp_path / "work"),
                       "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert any(row["figure"].startswith("rebuild after one edited annotation") for row in figures["rows"])
