"""`jsec ingest` on the command line: the library's report printed, exit codes that mean something."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jsec_data.cli import app

from .conftest import EXCERPT, LICENCE, copy_hand_made_raw


def _raw(tmp_path: Path) -> Path:
    return copy_hand_made_raw(tmp_path / "raw")


def test_ingest_keeps_on_topic_records_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    before = set((raw / "articles").iterdir())
    first = CliRunner().invoke(app, ["ingest", str(EXCERPT), "--raw", str(raw), "--licence", LICENCE, "--json"])
    assert first.exit_code in (0, 1), first.output
    report = json.loads(first.stdout)
    added = set((raw / "articles").iterdir()) - before
    assert report["kept"] == len(added) > 0
    assert {Path(kept["file"]).name for kept in report["kept_articles"]} == {p.name for p in added}
    again = CliRunner().invoke(app, ["ingest", str(EXCERPT), "--raw", str(raw), "--licence", LICENCE, "--json"])
    assert json.loads(again.stdout)["kept"] == 0
    assert set((raw / "articles").iterdir()) - before == added


def test_dry_run_writes_nothing_and_prints_the_summary(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    before = sorted(p.name for p in raw.rglob("*"))
    run = CliRunner().invoke(app, ["ingest", str(EXCERPT), "--raw", str(raw), "--licence", LICENCE, "--dry-run"])
    assert run.exit_code in (0, 1), run.output
    assert "dry run: nothing written" in run.stdout
    assert sorted(p.name for p in raw.rglob("*")) == before


def test_usage_mistakes_exit_2_without_a_traceback(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    cases = [
        ["ingest", str(EXCERPT), "--raw", str(raw)],  # no licence
        ["ingest", str(EXCERPT), "--raw", str(raw), "--licence", "not a licence"],
        ["ingest", str(tmp_path / "missing.json"), "--raw", str(raw), "--licence", LICENCE],
        ["ingest", str(EXCERPT), "--raw", str(tmp_path / "no-raw"), "--licence", LICENCE],
        ["ingest", str(EXCERPT), "--raw", str(raw), "--licence", LICENCE, "--field", "nonsense"],
    ]
    for args in cases:
        run = CliRunner().invoke(app, args)
        assert run.exit_code == 2, (args, run.output)
        assert "Traceback" not in run.output and "error:" in run.output
