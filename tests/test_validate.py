"""`jsec validate`: one bad fixture per rule, located issues, exit codes, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jsec_data.cli import app
from jsec_data.validate import ValidateUsageError, validate_paths

from .conftest import FIXTURES, MINI_RAW, ROOT

BAD = FIXTURES / "validate" / "bad"
ARTICLE_ID = "0123456789abcdef"
runner = CliRunner()


def _run(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["validate", *args, "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def _issues(path: Path, raw: Path = MINI_RAW) -> tuple[int, list[dict]]:
    code, report = _run(str(path), "--raw", str(raw))
    # Issues of the shared fixture corpus itself (e.g. its unclosed quote) are not the point here.
    return code, [i for i in report["issues"] if i["file"].startswith(str(path))]


# (fixture under tests/fixtures/validate/bad, code, severity, line, column, field, exit code)
CASES = [
    ("schema_missing.yaml", "schema-missing", "error", 3, 5, "quotations[0].speaker_ids", 1),
    ("schema_unknown_field.yaml", "schema-extra_forbidden", "error", 6, 5, "quotations[0].speaker", 1),
    ("schema_vocabulary.yaml", "schema-literal_error", "error", 6, 5, "statements[0].mode", 1),
    ("schema_party_code.yaml", "schema-string_pattern_mismatch", "error", 3, 5, "entities[0].entity_id", 1),
    ("anchor_not_found.yaml", "anchor-not-found", "error", 4, 5, "quotations[0].exact", 1),
    ("anchor_ambiguous.yaml", "anchor-ambiguous", "error", 4, 5, "quotations[0].exact", 1),
    ("anchor_position.yaml", "anchor-position-mismatch", "error", 4, 5, "quotations[0].exact", 1),
    ("unknown_entity.yaml", "unknown-entity", "error", 5, 19, "quotations[0].speaker_ids[0]", 1),
    ("unknown_agreement.yaml", "unknown-agreement", "error", 5, 5, "agreement_mentions[0].agreement_id", 1),
    ("unknown_statement.yaml", "unknown-statement", "error", 6, 5, "quotations[0].statement_id", 1),
    ("duplicate_id.yaml", "duplicate-id", "error", 6, 5, "quotations[1].id", 1),
    ("duplicate_span.yaml", "duplicate-span", "error", 7, 5, "quotations[1].exact", 1),
    ("duplicate_key.yaml", "duplicate-key", "error", 6, 5, "quotations[0].id", 1),
    ("duplicate_entity.yaml", "duplicate-id", "error", 3, 5, "entities[0].entity_id", 1),
    ("cue_not_found.yaml", "cue-not-found", "error", 6, 5, "quotations[0].cue", 1),
    ("quote_mark_in_span.yaml", "quote-mark-in-span", "error", 4, 5, "quotations[0].exact", 1),
    ("span_whitespace.yaml", "span-whitespace", "error", 4, 5, "quotations[0].exact", 1),
    ("span_in_boilerplate.yaml", "span-in-boilerplate", "error", 4, 5, "quotations[0].exact", 1),
    ("signed_date_future.yaml", "date-in-future", "error", 7, 5, "agreements[0].signed_date", 1),
    ("unknown_article.yaml", "unknown-article", "error", None, None, None, 1),
    ("yaml_alias.yaml", "yaml-unsafe", "error", 2, 8, None, 1),
    ("yaml_nesting.yaml", "yaml-unsafe", "error", 2, 19, None, 1),
    ("yaml_tag.yaml", "yaml-tag", "error", 2, 8, None, 1),
    ("yaml_key.yaml", "yaml-key", "error", 2, 1, None, 1),
    ("yaml_syntax.yaml", "yaml-syntax", "error", 4, 4, None, 1),
    ("empty.yaml", "empty-file", "error", 1, 1, None, 1),
    ("invalid_utf8.yaml", "invalid-utf8", "error", None, None, None, 1),
    ("unsafe_character.yaml", "unsafe-character", "error", 6, 15, None, 1),
    (f"mismatch/annotations/{ARTICLE_ID}.yaml", "article-id-mismatch", "error", 1, 1, "article_id", 1),
    (f"future_date/metadata/{ARTICLE_ID}.yaml", "date-in-future", "error", 2, 1, "event_date", 1),
    (f"date_precision/metadata/{ARTICLE_ID}.yaml", "date-precision", "error", 2, 1, "event_date", 1),
    (f"not_a_date/metadata/{ARTICLE_ID}.yaml", "yaml-syntax", "error", None, None, None, 1),
    (f"override/metadata/{ARTICLE_ID}.yaml", "override-not-a-paragraph", "error", 3, 3, "paragraph_kinds.3", 1),
    ("registry/entities.yaml", "duplicate-id", "error", 6, 5, "entities[1].entity_id", 1),
    ("articles/201_1111111111111111.txt", "invalid-utf8", "error", None, None, None, 1),
    ("articles/202_2222222222222222.txt", "unsafe-character", "error", 2, 11, None, 1),
    ("articles/203_3333333333333333.txt", "unsafe-character", "error", 2, 8, None, 1),
    ("articles/204_4444444444444444.txt", "unsafe-character", "warning", 2, 13, None, 0),
    ("articles/205_5555555555555555.txt", "quote-unbalanced", "warning", 2, 14, None, 0),
    ("articles/not-an-id.txt", "article-file-name", "error", None, None, None, 1),
    ("notes.md", "unsupported-file", "error", None, None, None, 1),
]


@pytest.mark.parametrize(("fixture", "code", "severity", "line", "column", "field", "exit_code"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_rule_has_a_located_bad_fixture(fixture: str, code: str, severity: str, line: int | None,
                                             column: int | None, field: str | None, exit_code: int) -> None:
    path = BAD / fixture
    status, issues = _issues(path)
    assert status == exit_code
    assert [(i["code"], i["severity"], i["line"], i["column"], i["field"]) for i in issues] == [
        (code, severity, line, column, field)
    ], issues


def test_messages_and_hints_help() -> None:
    _, issues = _issues(BAD / "anchor_not_found.yaml")
    assert "exact text not found" in issues[0]["message"]
    text = (MINI_RAW / "articles" / f"001_{ARTICLE_ID}.txt").read_text(encoding="utf-8")
    assert "spelling variant" in issues[0]["hint"] and f"offset {text.index('هذه لحظة')}" in issues[0]["hint"]
    _, issues = _issues(BAD / "articles" / "201_1111111111111111.txt")
    assert "byte 41" in issues[0]["message"]


def test_warnings_pass_unless_strict() -> None:
    path = str(BAD / "articles" / "204_4444444444444444.txt")
    assert runner.invoke(app, ["validate", path, "--raw", str(MINI_RAW)]).exit_code == 0
    strict = runner.invoke(app, ["validate", path, "--raw", str(MINI_RAW), "--strict"])
    assert strict.exit_code == 1 and "invalid (strict)" in strict.output


def test_every_problem_is_reported_not_just_the_first() -> None:
    status, issues = _issues(BAD / "many_problems.yaml")
    assert status == 1
    assert sorted((i["code"], i["line"]) for i in issues) == [
        ("anchor-not-found", 7), ("unknown-agreement", 12), ("unknown-entity", 5)], issues


def test_human_output_is_compiler_like() -> None:
    result = runner.invoke(app, ["validate", str(BAD / "unknown_entity.yaml"), "--raw", str(MINI_RAW)])
    assert result.exit_code == 1
    assert f"{BAD / 'unknown_entity.yaml'}:5:19: error: unknown entity 'nobody-known'" in result.output
    assert "hint: declare new entities" in result.output and "did you mean" not in result.output
    assert "1 error(s)" in result.output


def test_unknown_entity_hint_suggests_a_close_id(tmp_path: Path) -> None:
    annotations = tmp_path / "0123456789abcdef.yaml"
    source = (MINI_RAW / "annotations" / "0123456789abcdef.yaml").read_text(encoding="utf-8")
    annotations.write_text(source.replace("[richard-marles]", "[richard-marls]", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(annotations), "--raw", str(MINI_RAW)])
    assert result.exit_code == 1 and "did you mean 'richard-marles'?" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml"), "--raw", str(MINI_RAW)])
    assert missing.exit_code == 2 and "does not exist" in missing.output and "Traceback" not in missing.output
    no_raw = runner.invoke(app, ["validate", str(BAD / "empty.yaml"), "--raw", str(tmp_path / "raw")])
    assert no_raw.exit_code == 2
    assert runner.invoke(app, ["validate"]).exit_code == 2
    with pytest.raises(ValidateUsageError):
        validate_paths([], MINI_RAW)


def test_valid_corpus_and_new_article_outside_raw(tmp_path: Path) -> None:
    assert _run(str(MINI_RAW), "--raw", str(MINI_RAW))[0] == 0
    # A contributor's new article and its annotations, not yet in raw/.
    article = tmp_path / "300_abcdefabcdefabcd.txt"
    article.write_text("عنوان\nوقال مارلز: «نحن شركاء».\n", encoding="utf-8")
    annotations = tmp_path / "abcdefabcdefabcd.yaml"
    annotations.write_text("article_id: abcdefabcdefabcd\nquotations:\n  - id: q1\n    exact: نحن شركاء\n"
                           "    speaker_ids: [richard-marles]\n    cue: وقال\n", encoding="utf-8")
    status, report = _run(str(article), str(annotations), "--raw", str(MINI_RAW))
    assert status == 0, report
    assert report["checked_files"] == 2


def test_entity_declared_in_another_annotation_file(mini_raw: Path, tmp_path: Path) -> None:
    other = tmp_path / "fedcba9876543210.yaml"
    other.write_text("article_id: fedcba9876543210\nentities:\n  - entity_id: japanese-defence-minister\n"
                     "    kind: person\n    name_en: Someone\n    names_ar: [أحد]\n", encoding="utf-8")
    status, issues = _issues(other, mini_raw)
    assert status == 1 and [(i["code"], i["line"]) for i in issues] == [("duplicate-id", 3)]


def test_validate_writes_nothing(mini_raw: Path) -> None:
    before = sorted((p.as_posix(), p.stat().st_mtime_ns) for p in mini_raw.rglob("*"))
    runner.invoke(app, ["validate", str(mini_raw), str(BAD), "--raw", str(mini_raw)])
    assert sorted((p.as_posix(), p.stat().st_mtime_ns) for p in mini_raw.rglob("*")) == before


def test_seed_corpus_is_valid() -> None:
    report = validate_paths([ROOT / "raw"], ROOT / "raw")
    assert report.ok(), [i.format() for i in report.errors]


def test_annotation_schema_accepted_by_check_jsonschema() -> None:
    """The exported JSON Schema works with an external validator (optional dependency)."""
    pytest.importorskip("check_jsonschema")
    import subprocess
    import sys

    schema = ROOT / "schema" / "annotation_file.schema.json"
    good = MINI_RAW / "annotations" / f"{ARTICLE_ID}.yaml"
    ok = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(good)],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema),
                          str(BAD / "schema_unknown_field.yaml")], capture_output=True, text=True, check=False)
    assert bad.returncode == 1


def test_pre_commit_hook_runs_jsec_validate() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "jsec-validate")
    assert hook["entry"].startswith("jsec validate") and hook["language"] == "python"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".txt"]))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes, suffix: str) -> None:
    name = f"999_{ARTICLE_ID}.txt" if suffix == ".txt" else f"{ARTICLE_ID}{suffix}"
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / name).write_bytes(data)
    result = runner.invoke(app, ["validate", str(folder / name), "--raw", str(MINI_RAW), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    json.loads(result.output)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_annotation_text_never_crashes(tmp_path: Path, text: str) -> None:
    path = tmp_path / f"{ARTICLE_ID}.yaml"
    path.write_text(f"article_id: {ARTICLE_ID}\nnotes: x\n" + text, encoding="utf-8", errors="surrogatepass")
    report = validate_paths([path], MINI_RAW)
    assert all(issue.code for issue in report.issues)
