"""Smoke run of the benchmark tools at tiny sizes, so that they keep working (not a timed test)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from jsec_data.build.dataset import build_dataset

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # run.py imports generate.py beside it
    spec = importlib.util.spec_from_file_location(f"jsec_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_builds_without_any_issue(tmp_path: Path) -> None:
    generate = _module("generate")
    counts = generate.generate(tmp_path / "raw", 20, seed=1)
    assert counts["articles"] == 20 and counts["records"] >= 20 * 8
    result = build_dataset(tmp_path / "raw", tmp_path / "out")
    assert result.ok and not result.report.issues, [i.format() for i in result.report]
    assert result.row_counts["articles"] == 20
    for table in ("statements", "quotations", "agreement_mentions"):
        assert result.row_counts[table] > 0
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "raw" / "articles").iterdir()]
    for mark in ('"', "“", "«", "»"):
        assert any(mark in t for t in texts), mark
    assert any("\u201d" in t and "\u201c" in t for t in texts)  # reversed curly quotes too
    assert list((tmp_path / "raw" / "annotations").glob("*.json")) and list((tmp_path / "raw" / "annotations").glob("*.yaml"))


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate = _module("generate")
    generate.generate(tmp_path / "a", 5, seed=3)
    generate.generate(tmp_path / "b", 5, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in files_a)


def test_benchmark_script_runs_at_tiny_sizes(tmp_path: Path, capsys: object) -> None:
    run = _module("run")
    out = tmp_path / "figures.json"
    assert run.main(["--sizes", "20", "--workdir", str(tmp_path / "work"), "--jobs", "1", "2", "--load-rows", "2000",
                     "--repeat", "1", "--build-repeat", "2", "--extract-articles", "5", "--probe-steps", "1000", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    names = [row["figure"] for row in figures["rows"]]
    assert {"build 20 articles, --jobs 1", "build 20 articles, --jobs 2"} <= set(names)  # medians of two rounds
    assert any(n.startswith("load_quotations()") for n in names)
    assert any("--help" in n for n in names)
    assert [n for n in names if n.startswith("speed probe")] == ["speed probe at the start (1,000-step loop)",
                                                                 "speed probe at the end (1,000-step loop)"]
    assert all(row["value"] > 0 for row in figures["rows"])
    assert figures["machine"]["cores"] >= 1


def test_scale_script_runs_at_a_tiny_size(tmp_path: Path) -> None:
    scale = _module("scale")
    out = tmp_path / "scale.json"
    assert scale.main(["--articles", "12", "--workdir", str(tmp_path / "work"), "--validate", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["build_peak_mib"] > 0 and figures["validate_rc"] == 0 and figures["validate_records"] > 0
    assert not (tmp_path / "work" / "raw-12").exists()  # the corpus is deleted without --keep
    assert scale.main(["--articles", "12", "--workdir", str(tmp_path / "work"), "--validate", "--no-build",
                       "--json", str(out)]) == 0
    assert "build_wall_s" not in json.loads(out.read_text(encoding="utf-8"))


def test_speaker_reach_bounds_the_drafters_speakers_by_its_candidates_and_the_names_written() -> None:
    """benchmarks/speaker_reach.py on a tuning split: the records whose drafted speakers are right have the gold speaker
    among the draft's candidates, and those are among the ones named in the article or drafted."""
    reach = _module("speaker_reach")
    articles, counts = reach.measure(BENCHMARKS / "data" / "dev7", "dev")
    assert articles > 0
    for layer in ("quotations", "statements"):
        matched = counts[f"{layer} matched"]
        assert 0 < counts[f"{layer} right"] <= counts[f"{layer} candidates"] <= counts[f"{layer} named"] <= matched
