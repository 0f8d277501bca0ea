"""benchmarks/ingest.py runs end to end on the excerpt (a smoke run, not a timing)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

from .conftest import EXCERPT, ROOT


def test_the_ingest_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXCERPT, corpus / "2015-07-31.json.gz")
    spec = importlib.util.spec_from_file_location("jsec_bench_ingest", ROOT / "benchmarks" / "ingest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    out = tmp_path / "figures.json"
    assert module.main(["--corpus", str(corpus), "--repeat", "1", "--copies", "2", "--workdir", str(tmp_path),
                        "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["ingest_1x"]["kept"] == 10 and len(figures["ingest_1x"]["wikileaks_group"]) == 4
    assert figures["ingest_many"]["read"] == 64
    assert {row["figure"].split(" ")[0] for row in figures["rows"]} >= {"floor:", "ingest", "relevance.assess"}
