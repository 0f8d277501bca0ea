"""``jsec silver``: a thin command over ``silver()``; usage mistakes exit 2 with a message and no
traceback, rejected records 1, a clean corpus 0; an output folder that is not silver's is left alone."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jsec_data.cli import app

from .conftest import EXCERPT, LICENCE, tree

runner = CliRunner()


def _silver(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["silver", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_clean_corpus_exits_0_and_prints_the_counts(corpus: Path, tmp_path: Path) -> None:
    code, output = _silver(str(corpus), "--out", str(tmp_path / "out"), "--licence", LICENCE, "--all", "-j", "1")
    assert code == 0, output
    assert "kept" in output and "wrote" in output
    assert (tmp_path / "out" / "summary.json").is_file()


def test_rejected_records_exit_1_with_the_output_written(tmp_path: Path) -> None:
    code, output = _silver(str(EXCERPT), "--out", str(tmp_path / "out"), "--licence", LICENCE, "-j", "1", "--json")
    assert code == 1
    summary = json.loads(output[output.index("{"):])
    assert summary["counts"]["rejected"] == 3 and summary["issues"]["errors"] == 3
    assert (tmp_path / "out" / "issues.jsonl").is_file()


def test_usage_mistakes_exit_2_with_a_message(tmp_path: Path) -> None:
    cases = [
        ([str(EXCERPT), "--out", str(tmp_path / "a")], "licence"),
        ([str(tmp_path / "missing.json"), "--out", str(tmp_path / "b"), "--licence", LICENCE], "does not exist"),
        ([str(EXCERPT), "--out", str(tmp_path / "c"), "--licence", LICENCE, "--workers", "2",
          "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
        ([str(EXCERPT), "--out", str(tmp_path / "d"), "--licence", LICENCE, "--registry", str(tmp_path / "nope")],
         "registry folder"),
        ([str(EXCERPT), "--out", str(tmp_path / "e"), "--licence", LICENCE, "--evaluation", str(tmp_path / "x.json")],
         "--evaluation"),
    ]
    for args, message in cases:
        code, output = _silver(*args)
        assert code == 2, (args, output)
        assert message in output and "Traceback" not in output


def test_a_folder_that_is_not_a_silver_output_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.md").write_text("do not delete", encoding="utf-8")
    code, output = _silver(str(EXCERPT), "--out", str(mine), "--licence", LICENCE, "-j", "1")
    assert code == 2 and "left alone" in output
    assert (mine / "thesis.md").read_text(encoding="utf-8") == "do not delete"


def test_a_silver_output_is_replaced_unless_it_was_changed(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    assert _silver(str(EXCERPT), "--out", str(out), "--licence", LICENCE, "-j", "1")[0] == 1
    first = tree(out)
    assert _silver(str(corpus), "--out", str(out), "--licence", LICENCE, "--all", "-j", "1")[0] == 0
    assert tree(out) != first
    (out / "summary.json").write_text("{}", encoding="utf-8")  # someone's edit
    code, output = _silver(str(EXCERPT), "--out", str(out), "--licence", LICENCE, "-j", "1")
    assert code == 2 and "changed" in output
    assert (out / "summary.json").read_text(encoding="utf-8") == "{}"


def test_an_evaluation_of_another_split_is_used_with_a_warning(corpus: Path, tmp_path: Path) -> None:
    dev = tmp_path / "dev.json"
    dev.write_text(json.dumps({"split": "dev", "articles": ["a1a1a1a1a1a1a1a1"]}), encoding="utf-8")
    code, output = _silver(str(corpus), "--out", str(tmp_path / "out"), "--licence", LICENCE, "--all", "-j", "1",
                           "--evaluation", str(dev))
    assert code == 0, output
    assert "warning:" in output and "not the held-back test split" in output
    assert "the gold `dev` split" in (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    listed = tmp_path / "list.json"
    listed.write_text("[]", encoding="utf-8")
    code, output = _silver(str(corpus), "--out", str(tmp_path / "out2"), "--licence", LICENCE, "--evaluation", str(listed))
    assert code == 2 and "not the JSON object" in output
