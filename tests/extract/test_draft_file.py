"""Draft files: ``jsec extract`` and extract_file on real, broken and arbitrary articles; every draft passes ``jsec validate``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jsec_data.cli import app
from jsec_data.extract import extract_file
from jsec_data.validate import validate_paths

from ..conftest import FIXTURES, MINI_RAW, ROOT

EXTRACT_RAW = FIXTURES / "extract" / "raw"
runner = CliRunner()


def _every_article() -> list[tuple[Path, Path]]:
    seeds = [(p, ROOT / "raw") for p in sorted((ROOT / "raw" / "articles").glob("*.txt"))]
    return seeds + [(p, raw) for raw in (EXTRACT_RAW, MINI_RAW) for p in sorted((raw / "articles").glob("*.txt"))]


@pytest.mark.parametrize(("article", "raw"), _every_article(), ids=lambda v: v.name)
def test_every_draft_passes_validate(article: Path, raw: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{article.stem.split('_')[-1]}.yaml"
    result = runner.invoke(app, ["extract", str(article), "-o", str(out), "--raw", str(raw)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text  # no YAML aliases
    assert yaml.safe_load(text)["article_id"] == out.stem
    report = validate_paths([article, out], raw)
    assert report.ok(), [i.format() for i in report.errors]
    # Deterministic: the same input gives the same bytes.
    again = runner.invoke(app, ["extract", str(article), "--raw", str(raw)])
    assert again.output == text


def test_extract_cli_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    bad_name = tmp_path / "article.txt"
    bad_name.write_text("عنوان\n", encoding="utf-8")
    assert runner.invoke(app, ["extract", str(bad_name)]).exit_code == 1
    existing = tmp_path / "out.yaml"
    existing.write_text("keep", encoding="utf-8")
    article = MINI_RAW / "articles" / "001_0123456789abcdef.txt"
    refused = runner.invoke(app, ["extract", str(article), "-o", str(existing), "--raw", str(MINI_RAW)])
    assert refused.exit_code == 2 and existing.read_text(encoding="utf-8") == "keep"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.sampled_from(list("قال وأضاف: «»\"“”.،\nمارلز اتفاقية الشراكة مع اليابان ab2+")), max_size=200))
def test_arbitrary_text_gives_a_valid_draft(tmp_path: Path, body: str) -> None:
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    article = folder / "500_1234123412341234.txt"
    article.write_text("عنوان\n" + body, encoding="utf-8")
    draft = extract_file(article, MINI_RAW)
    assert draft.data is not None
    out = folder / "1234123412341234.yaml"
    out.write_text(draft.to_yaml(), encoding="utf-8")
    report = validate_paths([article, out], MINI_RAW)
    assert report.ok(), [i.format() for i in report.errors]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    article = tmp_path / "500_1234123412341234.txt"
    article.write_bytes(data)
    result = runner.invoke(app, ["extract", str(article), "--raw", str(MINI_RAW)])
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_extract_file_reports_undecodable_bytes_with_their_line(tmp_path: Path) -> None:
    article = tmp_path / "007_0123456789abcdef.txt"
    article.write_bytes("عنوان\nقال الوزير".encode() + b" \xff\n")
    draft = extract_file(article, None)
    assert draft.data is None
    [issue] = list(draft.report)
    assert (issue.code, issue.line, issue.column) == ("invalid-utf8", 2, 12)  # after "قال الوزير " (11 characters)
    assert "byte 31" in issue.message and issue.hint


def test_cli_extract_finds_the_registry_above_the_article_from_any_directory(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MINI_RAW, raw)
    monkeypatch.chdir(raw / "articles")
    result = runner.invoke(app, ["extract", "001_0123456789abcdef.txt"])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    assert "richard-marles" in {s for q in draft["quotations"] for s in q["speaker_ids"]}  # the registry's id
    assert "richard-marles" not in {e["entity_id"] for e in draft["entities"]}  # not proposed again
    assert "warning" not in result.stderr


def test_cli_extract_without_a_raw_folder_warns_and_a_missing_raw_is_an_error(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "001_0123456789abcdef.txt"
    shutil.copy(MINI_RAW / "articles" / article.name, article)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", article.name])
    assert result.exit_code == 0
    assert "no raw folder found" in result.stderr and "--raw DIR" in result.stderr
    assert yaml.safe_load(result.stdout)["quotations"]
    missing = runner.invoke(app, ["extract", article.name, "--raw", "nowhere"])
    assert missing.exit_code == 2 and "'nowhere' does not exist" in missing.output


def test_extract_file_warns_about_hidden_characters_but_still_drafts(tmp_path: Path) -> None:
    article = tmp_path / "008_0123456789abcdef.txt"
    article.write_text("عنوان\nقال مارلز: «هذه \u202eلحظة\u202c تاريخية».\n", encoding="utf-8")
    draft = extract_file(article, MINI_RAW)
    assert draft.data is not None and draft.data["quotations"]
    assert [(i.code, i.line, i.column, i.severity) for i in draft.report] == [
        ("unsafe-character", 2, 17, "error"), ("unsafe-character", 2, 22, "error"),  # after "قال مارلز: «هذه "
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(st.text(alphabet=st.sampled_from(list("قال وأضاف: «»\"“”.،\nمارلز السفير الصيني اتفاقية الشراكة مع اليابان "
                                                               "وزارة الخارجية متحدث باسم بحسب")), max_size=160),
                       min_size=2, max_size=4))
def test_drafts_of_several_articles_validate_together(tmp_path: Path, bodies: list[str]) -> None:
    """Each draft declares its new entities and agreements under its own article's namespace (issue 18)."""
    raw = tmp_path / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    (raw / "articles").mkdir(parents=True)
    (raw / "annotations").mkdir()
    for name in ("entities", "agreements"):
        (raw / f"{name}.yaml").write_text(f"{name}: []\n", encoding="utf-8")  # no registry: every id is declared
    for number, body in enumerate(bodies):
        article_id = f"{number:016x}"
        article = raw / "articles" / f"{number:03d}_{article_id}.txt"
        article.write_text("عنوان\n" + body, encoding="utf-8")
        draft = extract_file(article, raw)
        assert draft.data is not None
        (raw / "annotations" / f"{article_id}.yaml").write_text(draft.to_yaml(), encoding="utf-8")
    report = validate_paths([raw], raw)
    assert report.ok(), [i.format() for i in report.errors]
