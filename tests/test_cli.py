"""The thin CLI: info and schema commands, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jsec_data
from jsec_data.cli import app
from jsec_data.load import manifest

runner = CliRunner()


def test_info_lists_every_table_with_rows() -> None:
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    assert f"jsec-data {jsec_data.__version__}" in result.output
    for name, table in manifest()["tables"].items():
        assert any(line.split()[:2] == [name, str(table["rows"])] for line in result.output.splitlines())


def test_info_json_and_missing_folder(tmp_path: Path) -> None:
    as_json = json.loads(runner.invoke(app, ["info", "--json"]).output)
    assert set(as_json["tables"]) == set(jsec_data.TABLE_NAMES)
    missing = runner.invoke(app, ["info", "--path", str(tmp_path)])
    assert missing.exit_code == 2 and "no manifest" in missing.output and "Traceback" not in missing.output


def test_schema_check_and_write(tmp_path: Path) -> None:
    stale = runner.invoke(app, ["schema", "--check", "--out", str(tmp_path)])
    assert stale.exit_code == 1 and "stale" in stale.output
    assert runner.invoke(app, ["schema", "--out", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["schema", "--check", "--out", str(tmp_path)]).exit_code == 0


def test_unknown_option_is_a_usage_error() -> None:
    result = runner.invoke(app, ["build", "--no-such-option"])
    assert result.exit_code == 2


def test_the_command_asks_for_one_blas_thread_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    from jsec_data import cli

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    cli._one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    cli._one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_cite_prints_the_entry_the_dataset_card_carries(tmp_path: Path) -> None:
    result = runner.invoke(app, ["cite"])
    assert result.exit_code == 0
    card = (jsec_data.data_dir() / "README.md").read_text(encoding="utf-8")
    shipped = card.split("## Citation", 1)[1].split("```bibtex\n", 1)[1].split("\n```", 1)[0]
    assert result.output.strip() == shipped == jsec_data.citation()
    assert f"version = {{{jsec_data.__version__}}}" in shipped
    missing = runner.invoke(app, ["cite", "--path", str(tmp_path)])
    assert missing.exit_code == 2 and "no manifest" in missing.output and "Traceback" not in missing.output


def test_shell_completion_is_available_and_completes_command_names() -> None:
    # (--show-completion itself detects the parent shell, which CI may not have: the help is checked instead.)
    helped = runner.invoke(app, ["--help"], prog_name="jsec")
    assert "--install-completion" in helped.output and "--show-completion" in helped.output
    completed = runner.invoke(app, [], prog_name="jsec",
                              env={"_JSEC_COMPLETE": "complete_bash", "COMP_WORDS": "jsec vali", "COMP_CWORD": "1"})
    assert completed.output.split() == ["validate"]
