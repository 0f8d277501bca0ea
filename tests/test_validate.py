"""`jsec validate`: one bad fixture per rule, located issues, exit codes, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
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
    # Issues of the shared fixture corpus itself (e.g. its unclosed quote) are not the point here, nor
    # that the fixtures are drafts (test_a_draft_is_a_warning_that_strict_refuses).
    return code, [i for i in report["issues"] if i["file"].startswith(str(path)) and i["code"] != "annotation-draft"]


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
    ("yaml_alias.yaml", "yaml-unsafe", "error", 5, 12, None, 1),
    ("yaml_nesting.yaml", "yaml-unsafe", "error", 2, 19, None, 1),
    ("yaml_tag.yaml", "yaml-tag", "error", 2, 8, None, 1),
    ("yaml_key.yaml", "yaml-key", "error", 2, 1, None, 1),
    ("yaml_syntax.yaml", "yaml-syntax", "error", 4, 4, None, 1),
    ("empty.yaml", "empty-file", "error", 1, 1, None, 1),
    ("invalid_utf8.yaml", "invalid-utf8", "error", 2, 11, None, 1),
    ("unsafe_character.yaml", "unsafe-character", "error", 6, 15, None, 1),
    (f"mismatch/annotations/{ARTICLE_ID}.yaml", "article-id-mismatch", "error", 1, 1, "article_id", 1),
    (f"future_date/metadata/{ARTICLE_ID}.yaml", "date-in-future", "error", 2, 1, "event_date", 1),
    (f"date_precision/metadata/{ARTICLE_ID}.yaml", "date-precision", "error", 2, 1, "event_date", 1),
    (f"not_a_date/metadata/{ARTICLE_ID}.yaml", "yaml-number", "error", 2, 13, None, 1),  # located (issue 21)
    (f"override/metadata/{ARTICLE_ID}.yaml", "override-not-a-paragraph", "error", 3, 3, "paragraph_kinds.3", 1),
    ("registry/entities.yaml", "duplicate-id", "error", 6, 5, "entities[1].entity_id", 1),
    ("articles/201_1111111111111111.txt", "invalid-utf8", "error", 3, 1, None, 1),
    ("articles/202_2222222222222222.txt", "unsafe-character", "error", 2, 11, None, 1),
    ("articles/203_3333333333333333.txt", "unsafe-character", "error", 2, 8, None, 1),
    ("articles/204_4444444444444444.txt", "unsafe-character", "warning", 2, 13, None, 0),
    ("articles/205_5555555555555555.txt", "quote-unbalanced", "warning", 2, 14, None, 0),
    ("articles/not-an-id.txt", "article-file-name", "error", None, None, None, 1),
    ("notes.md", "unsupported-file", "error", None, None, None, 1),
    # guideline checks (warnings: `--strict` refuses them unless raw/waivers.yaml waives them)
    ("span_inside_word.yaml", "span-inside-word", "warning", 4, 5, "quotations[0].exact", 0),
    ("quotation_speaker_mismatch.yaml", "quotation-speaker-mismatch", "warning", 10, 5, "quotations[0].speaker_ids", 0),
    ("statement_mode_indirect.yaml", "statement-mode-mismatch", "warning", 6, 5, "statements[0].mode", 0),
    ("registry/agreements.yaml", "unknown-entity", "error", 6, 20, "agreements[0].parties[1]", 1),
    ("registry_affiliation/entities.yaml", "unknown-entity", "error", 6, 5, "entities[0].affiliation_id", 1),
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


@pytest.mark.parametrize("fixture", [c[0] for c in CASES])
def test_every_rule_says_how_to_fix_it(fixture: str) -> None:
    _, issues = _issues(BAD / fixture)
    assert issues and all(issue["hint"] for issue in issues), issues


def test_messages_and_hints_help() -> None:
    _, issues = _issues(BAD / "anchor_not_found.yaml")
    assert "exact text not found" in issues[0]["message"]
    text = (MINI_RAW / "articles" / f"001_{ARTICLE_ID}.txt").read_text(encoding="utf-8")
    assert "spelling variant" in issues[0]["hint"] and f"offset {text.index('هذه لحظة')}" in issues[0]["hint"]
    _, issues = _issues(BAD / "articles" / "201_1111111111111111.txt")
    assert "byte 41" in issues[0]["message"]


def test_an_article_saved_in_windows_1256_is_located_and_named(tmp_path: Path) -> None:
    article = tmp_path / "301_3030303030303030.txt"
    article.write_bytes("اليابان والناتو\nقال الأمين العام للحلف إن الشراكة قوية.\n".encode("cp1256"))
    status, issues = _issues(article)
    assert status == 1
    [issue] = issues
    assert (issue["code"], issue["line"], issue["column"]) == ("invalid-utf8", 1, 1)
    assert "Windows-1256" in issue["hint"]


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


def test_hidden_annotation_files_are_ignored_as_the_build_ignores_them(mini_raw: Path, tmp_path: Path) -> None:
    from jsec_data.build.dataset import build_dataset

    declaring = ("article_id: fedcba9876543210\nentities:\n  - entity_id: new-person\n"
                 "    kind: person\n    name_en: Someone\n    names_ar: [أحد]\n")
    (mini_raw / "annotations" / ".fedcba9876543210.yaml").write_text(declaring, encoding="utf-8")  # an editor's copy
    given = tmp_path / "fedcba9876543210.yaml"
    given.write_text(declaring, encoding="utf-8")
    status, issues = _issues(given, mini_raw)
    assert status == 0 and "duplicate-id" not in {i["code"] for i in issues}, issues
    (mini_raw / "annotations" / given.name).write_bytes(given.read_bytes())
    assert build_dataset(mini_raw, tmp_path / "out").ok  # the build agrees


def test_validate_writes_nothing(mini_raw: Path) -> None:
    before = sorted((p.as_posix(), p.stat().st_mtime_ns) for p in mini_raw.rglob("*"))
    runner.invoke(app, ["validate", str(mini_raw), str(BAD), "--raw", str(mini_raw)])
    assert sorted((p.as_posix(), p.stat().st_mtime_ns) for p in mini_raw.rglob("*")) == before


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


# ------------------------------------------------------- gathering and workers (fast paths)


def _old_collected(folder: Path) -> list[str]:
    """What the gathering did before it listed folders itself (the reference)."""
    return [child.relative_to(folder).as_posix() for child in sorted(folder.rglob("*"))
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(folder).parts)]


def test_files_under_lists_what_rglob_listed(tmp_path: Path) -> None:
    from jsec_data.validate import _files_under

    for name in ("a/b.yaml", "a-c.yaml", "a.yaml", "B.yaml", ".hidden.yaml", ".git/x.yaml", "sub/.h/y.yaml",
                 "sub/z.txt", "sub/deeper/w.json", "a b/c.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "a.yaml")  # a link to a file is a file
    (tmp_path / "linked-dir").symlink_to(tmp_path / "sub", target_is_directory=True)  # not followed
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    # "a/b.yaml" sorts before "a-c.yaml" as a path (by parts), after it as a string.
    assert _files_under(str(tmp_path)) == _old_collected(tmp_path)
    assert _files_under(str(tmp_path)).index("a/b.yaml") < _files_under(str(tmp_path)).index("a-c.yaml")


@pytest.mark.parametrize("folder", [".", "", "x", "x/", "./x", "x//y", "/", "/x", "//x", "a/../b"])
def test_child_prefix_joins_like_path(folder: str) -> None:
    from jsec_data.validate import _child_prefix

    assert _child_prefix(str(Path(folder))) + "r/s.yaml" == str(Path(folder) / "r/s.yaml")


@given(name=st.text(st.characters(blacklist_characters="/\x00"), min_size=1).filter(lambda n: n not in (".", "..")))
def test_stem_suffix_is_pathlibs(name: str) -> None:
    from pathlib import PurePosixPath

    from jsec_data.raw.files import stem_and_suffix

    assert stem_and_suffix(name) == (PurePosixPath(name).stem, PurePosixPath(name).suffix)


@given(value=st.text("0123456789abcdefABCDEF g\n", max_size=18))
def test_is_article_id(value: str) -> None:
    from jsec_data.validate import _is_article_id

    assert _is_article_id(value) == (len(value) == 16 and all(c in "0123456789abcdef" for c in value))


def test_other_annotation_files_are_those_glob_found_but_hidden_ones(tmp_path: Path) -> None:
    from jsec_data.validate import _Inputs, _other_annotation_files

    folder = tmp_path / "annotations"
    (folder / "dir.yaml").mkdir(parents=True)  # not a file
    for name in ("1111111111111111.yaml", "2222222222222222.yml", ".hidden.yaml", ".yaml", "notes.md", "Z.json",
                 "given.yaml", "x.YAML"):
        (folder / name).write_text("x: 1\n", encoding="utf-8")
    inputs = _Inputs(annotations={"given": str(tmp_path / "elsewhere" / "given.yaml")})
    old = [p for p in sorted(folder.glob("*")) if p.suffix in (".yaml", ".yml", ".json") and p.is_file()
           and p.stem not in inputs.annotations and not p.name.startswith(".")]  # the build reads no hidden file
    assert _other_annotation_files(folder, inputs) == old
    assert [p.name for p in old] == ["1111111111111111.yaml", "2222222222222222.yml", "Z.json"]
    assert _other_annotation_files(tmp_path / "missing", inputs) == []


def test_batches_cover_every_article_once_in_order() -> None:
    from itertools import pairwise

    from jsec_data.validate import _CHUNK, _batches

    for count, workers in [(1, 2), (_CHUNK + 1, 2), (1000, 2), (10_000, 2), (10_000, 8), (95_001, 3)]:
        batches = list(_batches(count, workers))
        assert batches[0][0] == 0 and batches[-1][1] == count
        assert all(stop == start for (_, stop), (start, _) in pairwise(batches))
        sizes = [stop - start for start, stop in batches]
        assert all(size >= _CHUNK for size in sizes[:-1]) and sizes[-1] <= max(_CHUNK, count // (4 * workers))
        assert all(a >= b for a, b in pairwise(sizes))  # large first, small last: a short tail
    assert len(list(_batches(10_000, 2))) < 40  # not 157 fixed batches of 64


def test_workers_get_plain_data_and_send_back_nothing_for_a_clean_article() -> None:
    import datetime as dt
    import pickle

    from jsec_data.article.stage import read_registry
    from jsec_data.validate import _ArticleJob, _check

    registry, _ = read_registry(MINI_RAW)
    job = _ArticleJob(ARTICLE_ID, str(MINI_RAW / "articles" / f"001_{ARTICLE_ID}.txt"),
                      str(MINI_RAW / "annotations" / f"{ARTICLE_ID}.yaml"),
                      str(MINI_RAW / "metadata" / f"{ARTICLE_ID}.yaml"), None)
    assert b"pathlib" not in pickle.dumps(job)
    today = dt.date(2030, 1, 1)
    checked = _check(job, registry, today)
    assert checked is not None and checked.declared and checked.annotation_read  # it declares an entity
    assert _check(job._replace(annotation=None), registry, today) is None


def _corpus_of_copies(tmp_path: Path, count: int) -> Path:
    """mini_raw with its annotated article copied under ``count`` new ids (each copy declares the same entity)."""
    raw = tmp_path / "raw"
    shutil.copytree(MINI_RAW, raw)
    text = (MINI_RAW / "articles" / f"001_{ARTICLE_ID}.txt").read_bytes()
    annotation = (MINI_RAW / "annotations" / f"{ARTICLE_ID}.yaml").read_text(encoding="utf-8")
    metadata = (MINI_RAW / "metadata" / f"{ARTICLE_ID}.yaml").read_text(encoding="utf-8")
    for number in range(count):
        article_id = f"a{number:015x}"  # all digits would read as a YAML number
        (raw / "articles" / f"{100 + number}_{article_id}.txt").write_bytes(text)
        (raw / "annotations" / f"{article_id}.yaml").write_text(annotation.replace(ARTICLE_ID, article_id), encoding="utf-8")
        (raw / "metadata" / f"{article_id}.yaml").write_text(metadata.replace(ARTICLE_ID, article_id), encoding="utf-8")
    return raw


def test_jobs_2_report_equals_jobs_1_on_every_path_through_the_workers(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import jsec_data.validate

    raw = _corpus_of_copies(tmp_path, 9)
    broken = raw / "articles" / f"103_a{3:015x}.txt"
    broken.write_bytes(broken.read_bytes()[:20] + b"\xff" + broken.read_bytes()[20:])  # article fails...
    annotation = raw / "annotations" / f"a{3:015x}.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8") + "extra_field: 1\n", encoding="utf-8")  # ...so this is checked alone
    unknown = raw / "annotations" / f"a{5:015x}.yaml"
    unknown.write_text(unknown.read_text(encoding="utf-8").replace("[richard-marles]", "[nobody]", 1), encoding="utf-8")
    monkeypatch.setattr(jsec_data.validate, "_CHUNK", 2)  # several batches on a small corpus
    one = validate_paths([raw], raw, jobs=1)
    two = validate_paths([raw], raw, jobs=2)
    assert [i.format() for i in one] == [i.format() for i in two]
    found = {(i.file.rpartition("/")[2], i.code) for i in two}
    assert {(broken.name, "invalid-utf8"), (annotation.name, "schema-extra_forbidden"), (unknown.name, "unknown-entity"),
            (f"001_{ARTICLE_ID}.txt", "quote-unbalanced"), (f"a{8:015x}.yaml", "duplicate-id")} <= found, found
    assert one.checked_files == two.checked_files == len(_old_collected(raw))


def test_given_article_is_raws_own_through_a_link_but_not_as_a_copy(tmp_path: Path) -> None:
    raw = _corpus_of_copies(tmp_path, 0)
    (tmp_path / "link").symlink_to(raw / "articles", target_is_directory=True)
    name = f"001_{ARTICLE_ID}.txt"
    codes = [i.code for i in validate_paths([tmp_path / "link" / name], raw)]
    assert "duplicate-article-id" not in codes
    (tmp_path / "copy").mkdir()
    shutil.copy(raw / "articles" / name, tmp_path / "copy" / name)
    codes = [i.code for i in validate_paths([tmp_path / "copy" / name], raw)]
    assert "duplicate-article-id" in codes


def test_validating_imports_no_arrow_or_dataframe_library() -> None:
    # pyarrow, numpy and pandas took about 0.3 s of every `jsec validate`; checking files needs none of them.
    code = ("import sys\nfrom jsec_data.validate import validate_paths\n"
            f"assert validate_paths([{str(MINI_RAW)!r}], {str(MINI_RAW)!r}).ok()\n"
            "heavy = {'pyarrow', 'numpy', 'pandas', 'datasets', 'matplotlib'} & set(sys.modules)\n"
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_raw_the_folder_holding_the_file_is_used_from_any_directory(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tmp_path / "corpus" / "raw"
    shutil.copytree(MINI_RAW, raw)
    (raw / "annotations" / f"{ARTICLE_ID}.yaml").write_text(
        (raw / "annotations" / f"{ARTICLE_ID}.yaml").read_text(encoding="utf-8").replace("richard-marles", "richard-marle"),
        encoding="utf-8")
    monkeypatch.chdir(raw / "annotations")  # no ./raw here: the registry is found above the file
    result = runner.invoke(app, ["validate", f"{ARTICLE_ID}.yaml", "--format", "json"])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.output)["issues"]
    errors = [(i["code"], i["file"]) for i in issues if i["severity"] == "error"]
    assert errors and set(errors) == {("unknown-entity", f"{ARTICLE_ID}.yaml")}  # named as typed
    # From elsewhere, with another ./raw present, the file's own raw folder still decides.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI_RAW, tmp_path / "raw")
    (tmp_path / "raw" / "entities.yaml").write_text("entities: []\n", encoding="utf-8")
    report = validate_paths([raw / "annotations" / f"{ARTICLE_ID}.yaml"])
    assert {i.code for i in report.errors} == {"unknown-entity"}  # not "every entity unknown" against ./raw
    assert len(report.errors) == len(errors)


def test_without_raw_and_outside_any_raw_folder_is_a_usage_error(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    stray = tmp_path / f"{ARTICLE_ID}.yaml"
    shutil.copy(MINI_RAW / "annotations" / f"{ARTICLE_ID}.yaml", stray)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", stray.name])
    assert result.exit_code == 2
    assert "no raw folder found" in result.output and "--raw DIR" in result.output
    assert "Traceback" not in result.output


def test_a_file_the_build_would_ignore_is_a_warning_in_a_folder_walk_too(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MINI_RAW, raw)
    (raw / "annotations" / f"{ARTICLE_ID}.yaml~").write_text("backup", encoding="utf-8")  # an editor's backup
    (raw / "annotations" / ".DS_Store").write_bytes(b"\0")  # hidden: neither reads it
    from jsec_data.build.dataset import build_dataset

    built = {(i.file, i.code, i.severity) for i in build_dataset(raw, tmp_path / "out").report}
    validated = {(i.file, i.code, i.severity) for i in validate_paths([raw], raw)}
    expected = ("annotations", f"{ARTICLE_ID}.yaml~")
    assert ("/".join(expected), "ignored-file", "warning") in built
    assert (str(raw.joinpath(*expected)), "ignored-file", "warning") in validated
    assert not any(".DS_Store" in issue[0] for issue in built | validated)


def test_github_format_annotates_each_problem_on_its_line() -> None:
    path = BAD / "many_problems.yaml"
    text = runner.invoke(app, ["validate", str(path), "--raw", str(MINI_RAW), "--format", "json"])
    github = runner.invoke(app, ["validate", str(path), "--raw", str(MINI_RAW), "--format", "github"])
    assert github.exit_code == text.exit_code == 1
    issues = json.loads(text.output)["issues"]
    lines = github.output.splitlines()
    assert len(lines) == len(issues) > 1
    for line, issue in zip(lines, issues, strict=True):
        where = f"::{issue['severity']} file={issue['file']}"
        if issue["line"] is not None:
            where += f",line={issue['line']},col={issue['column']}"
        assert line.startswith(where + f",title={issue['code']}::"), line
        assert "\n" not in line and (issue["hint"] is None or "%0Ahint: " in line)


# ------------------------------------------- parity with the build: what it refuses, validate reports first


def _add_entity(raw: Path, text: str) -> None:
    path = raw / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ANNOTATION = f"annotations/{ARTICLE_ID}.yaml"
BROKEN_CORPORA = {
    "an affiliation in entities.yaml names no entity": lambda raw: _add_entity(
        raw, "  - entity_id: some-minister\n    kind: person\n    name_en: Some Minister\n    names_ar: [وزير]\n"
             "    affiliation_id: no-such-ministry\n"),
    "a party in agreements.yaml names no entity": lambda raw: _edit(raw / "agreements.yaml", "[AUS, JPN]", "[AUS, XYZ]"),
    "a registry record breaks its schema": lambda raw: _add_entity(
        raw, "  - entity_id: mars\n    kind: planet\n    name_en: Mars\n    names_ar: [المريخ]\n"),
    "an annotation record breaks its schema, another its anchor": lambda raw: (
        _edit(raw / ANNOTATION, "    mode: direct\n", "    mode: quoted\n"),
        _edit(raw / ANNOTATION, "exact: ستعزز الردع", "exact: ستعزز الردع كثيرا")),
    "two annotation files declare one entity": lambda raw: (raw / "annotations" / "fedcba9876543210.yaml").write_text(
        "article_id: fedcba9876543210\nentities:\n  - entity_id: japanese-defence-minister\n    kind: person\n"
        "    name_en: Someone\n    names_ar: [أحد]\n", encoding="utf-8"),
    "an annotation file for no article": lambda raw: (raw / "annotations" / "aaaaaaaaaaaaaaaa.yaml").write_text(
        "article_id: aaaaaaaaaaaaaaaa\n", encoding="utf-8"),
    "an article that is not UTF-8": lambda raw: (raw / "articles" / "002_fedcba9876543210.txt").write_bytes(b"\xff\xfe"),
    "a mention of an undeclared agreement": lambda raw: _edit(
        raw / ANNOTATION, "agreement_id: aus-jpn-test-defence-agreement", "agreement_id: no-such-agreement"),
    "a month-precision date that is not the first": lambda raw: _edit(
        raw / "metadata" / f"{ARTICLE_ID}.yaml", "event_date_precision: day", "event_date_precision: month"),
    "no article at all": lambda raw: [p.unlink() for folder in ("articles", "annotations", "metadata")
                                      for p in (raw / folder).iterdir()],
}


def _where(raw: Path, file: str) -> str:
    """An issue's file relative to raw/, without its suffix (the build names some files by article id only)."""
    path = Path(file)
    relative = path.resolve().relative_to(raw.resolve()) if path.is_absolute() or path.exists() else path
    return relative.with_suffix("").as_posix().rstrip("/")


@pytest.mark.parametrize("case", BROKEN_CORPORA)
def test_everything_the_build_refuses_validate_reports_located(case: str, mini_raw: Path, tmp_path: Path) -> None:
    from jsec_data.build.dataset import build_dataset

    BROKEN_CORPORA[case](mini_raw)
    built = build_dataset(mini_raw, tmp_path / "out", today=TODAY)
    refused = {(_where(mini_raw, i.file), i.code) for i in built.report.errors}
    assert refused and not built.ok, case
    validated = validate_paths([mini_raw], mini_raw, today=TODAY)
    reported = {(_where(mini_raw, i.file), i.code) for i in validated.errors}
    assert refused <= reported, (case, refused - reported)
    # ... and located: every error about a field has its line (the build's registry errors had none).
    assert all(i.line is not None for i in validated.errors if i.field), validated.errors


TODAY = __import__("datetime").date(2030, 1, 1)


def test_a_registry_reference_is_located_in_the_registry_file(mini_raw: Path) -> None:
    _edit(mini_raw / "agreements.yaml", "[AUS, JPN]", "[AUS, JPNN]")
    [found] = validate_paths([mini_raw / "agreements.yaml"], mini_raw).errors
    assert (found.code, found.line, found.field) == ("unknown-entity", 6, "agreements[0].parties[1]")
    assert found.file == str(mini_raw / "agreements.yaml")
    assert "party 'JPNN'" in found.message and "did you mean 'JPN'?" in (found.hint or "")


def test_a_registry_entity_may_be_affiliated_to_one_an_annotation_file_declares(mini_raw: Path) -> None:
    # The build accepts it (every declared entity is known), so validate does too.
    _add_entity(mini_raw, "  - entity_id: defence-aide\n    kind: person\n    name_en: An aide\n    names_ar: [مساعد]\n"
                          "    affiliation_id: japanese-defence-minister\n")
    assert validate_paths([mini_raw / "entities.yaml"], mini_raw).ok()


def test_one_bad_record_hides_no_other_problem_of_its_file() -> None:
    status, issues = _issues(BAD / "one_bad_record_hides_nothing.yaml")
    assert status == 1
    assert [(i["code"], i["line"], i["field"]) for i in issues] == [
        ("schema-literal_error", 6, "statements[0].mode"),
        ("schema-missing", 8, "quotations[0].speaker_ids"),
        ("anchor-not-found", 12, "quotations[1].exact"),  # records after the bad ones are still checked ...
        ("unknown-entity", 17, "quotations[2].speaker_ids[0]"),  # ... at their own index in the file
    ]  # and q2's statement_id (s1, whose mode is bad) is not reported as unknown


def test_a_bad_registry_record_does_not_make_its_references_errors(mini_raw: Path) -> None:
    _edit(mini_raw / "entities.yaml", "  - entity_id: richard-marles\n    kind: person\n",
          "  - entity_id: richard-marles\n    kind: minister\n")
    errors = validate_paths([mini_raw], mini_raw).errors
    assert [(Path(i.file).name, i.code, i.field) for i in errors] == [("entities.yaml", "schema-literal_error", "entities[2].kind")]


def test_yaml_errors_of_a_file_come_in_one_run() -> None:
    status, issues = _issues(BAD / "yaml_two_syntax_errors.yaml")
    assert status == 1
    assert [(i["code"], i["line"], i["column"]) for i in issues] == [("yaml-syntax", 4, 31), ("yaml-syntax", 10, 15)]


def test_an_unclosed_quote_is_located_where_it_opens(tmp_path: Path) -> None:
    path = tmp_path / f"{ARTICLE_ID}.yaml"
    path.write_text(f"article_id: {ARTICLE_ID}\nnotes: 'never closed\nquotations: []\n", encoding="utf-8")
    [found] = validate_paths([path], MINI_RAW).errors
    assert (found.code, found.line, found.column) == ("yaml-syntax", 2, 8) and "never ends" in found.message


def test_an_ambiguous_anchor_says_where_and_which_context_singles_it_out(tmp_path: Path) -> None:
    _, [found] = _issues(BAD / "anchor_ambiguous.yaml")
    assert "at line:column 2:46, 4:6 of the article" in found["message"]
    assert found["hint"].endswith("at 2:46, suffix: ' مع'; at 4:6, prefix: 'وقال '")
    # Following the hint resolves the anchor.
    fixed = tmp_path / f"{ARTICLE_ID}.yaml"
    fixed.write_text((BAD / "anchor_ambiguous.yaml").read_text(encoding="utf-8") + "    prefix: 'وقال '\n", encoding="utf-8")
    assert "anchor-ambiguous" not in {i.code for i in validate_paths([fixed], MINI_RAW).issues}


def test_a_span_may_leave_out_a_conjunction_written_onto_its_word(tmp_path: Path) -> None:
    path = tmp_path / f"{ARTICLE_ID}.yaml"
    path.write_text(f"article_id: {ARTICLE_ID}\nreview: reviewed\nstatements:\n  - id: s1\n    exact: أضاف أن الاتفاقية\n"
                    "    speaker_ids: [richard-marles]\n    mode: indirect\n", encoding="utf-8")  # (وأضاف)
    assert validate_paths([path], MINI_RAW).ok(strict=True)


# ----------------------------------------------------------------------- review state and waivers


def test_a_draft_is_a_warning_that_strict_refuses(tmp_path: Path) -> None:
    path = tmp_path / f"{ARTICLE_ID}.yaml"
    source = (MINI_RAW / "annotations" / f"{ARTICLE_ID}.yaml").read_text(encoding="utf-8")
    path.write_text(source, encoding="utf-8")  # no review: line: a draft
    report = validate_paths([path], MINI_RAW)
    [draft] = [i for i in report.issues if i.code == "annotation-draft"]
    assert (draft.severity, draft.line, draft.field) == ("warning", 1, "review")
    assert report.ok() and not report.ok(strict=True)
    path.write_text(source.replace(f"article_id: {ARTICLE_ID}\n", f"article_id: {ARTICLE_ID}\nreview: draft\n"), encoding="utf-8")
    assert [i.line for i in validate_paths([path], MINI_RAW).issues if i.code == "annotation-draft"] == [2]
    path.write_text(source.replace(f"article_id: {ARTICLE_ID}\n", f"article_id: {ARTICLE_ID}\nreview: reviewed\n"), encoding="utf-8")
    assert "annotation-draft" not in {i.code for i in validate_paths([path], MINI_RAW).issues}


def _waive(raw: Path, text: str) -> None:
    (raw / "waivers.yaml").write_text("waivers:\n" + text, encoding="utf-8")


def test_a_waived_warning_is_listed_as_waived_and_strict_passes(mini_raw: Path) -> None:
    article = mini_raw / "articles" / f"001_{ARTICLE_ID}.txt"
    before = validate_paths([article], mini_raw)
    [warning] = before.warnings
    assert warning.code == "quote-unbalanced" and not before.ok(strict=True)
    _waive(mini_raw, f"  - code: quote-unbalanced\n    file: articles/001_{ARTICLE_ID}.txt\n    line: {warning.line}\n"
                     "    reason: The published paragraph never closes its quote; q3 ends with the paragraph.\n")
    after = validate_paths([article], mini_raw)
    assert after.issues == [] and after.ok(strict=True)
    [waived] = after.waived
    assert waived.issue == warning and waived.reason.startswith("The published paragraph")
    assert waived.waiver == f"{mini_raw / 'waivers.yaml'}:2"
    result = runner.invoke(app, ["validate", str(article), "--raw", str(mini_raw), "--strict", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["waived_count"] == 1 and data["waived"][0]["code"] == "quote-unbalanced"
    assert data["waived"][0]["reason"] == waived.reason and data["issues"] == []
    text = runner.invoke(app, ["validate", str(article), "--raw", str(mini_raw), "--strict"]).output
    assert "[waived]" in text and "1 waived: valid (strict)" in text
    github = runner.invoke(app, ["validate", str(article), "--raw", str(mini_raw), "--strict", "--format", "github"])
    assert github.exit_code == 0
    assert github.output.startswith(f"::notice file={article},line={warning.line},") and "::warning" not in github.output


def test_a_waiver_by_article_and_field_waives_only_that_record(mini_raw: Path, tmp_path: Path) -> None:
    shutil.copy(BAD / "quotation_speaker_mismatch.yaml", mini_raw / "annotations" / f"{ARTICLE_ID}.yaml")
    annotation = mini_raw / "annotations" / f"{ARTICLE_ID}.yaml"
    _waive(mini_raw, f"  - code: quotation-speaker-mismatch\n    article: {ARTICLE_ID}\n    field: quotations[1]\n"
                     "    reason: not this record\n")
    codes = [i.code for i in validate_paths([annotation], mini_raw).warnings]
    assert "quotation-speaker-mismatch" in codes and "waiver-unused" in codes  # the waiver matched nothing
    _waive(mini_raw, f"  - code: quotation-speaker-mismatch\n    article: {ARTICLE_ID}\n    field: quotations[0]\n"
                     "    reason: The text attributes the quote to the government, the statement to its minister.\n")
    report = validate_paths([annotation], mini_raw)
    assert [w.issue.code for w in report.waived] == ["quotation-speaker-mismatch"]
    assert {i.code for i in report.warnings} == {"annotation-draft"}


def test_errors_cannot_be_waived_and_a_waiver_needs_a_place_and_a_reason(mini_raw: Path) -> None:
    _waive(mini_raw, "  - code: unknown-entity\n    file: entities.yaml\n    reason: r\n"
                     "  - code: quote-unbalanced\n    reason: r\n"
                     "  - code: no-such-code\n    file: entities.yaml\n    reason: r\n"
                     "  - code: quote-unbalanced\n    file: entities.yaml\n")
    report = validate_paths([mini_raw / "entities.yaml"], mini_raw)
    found = sorted((i.code, i.line) for i in report.errors)
    assert found == [("schema-missing", 10), ("waiver-invalid", 2), ("waiver-invalid", 5), ("waiver-invalid", 7)], found
    assert all(i.file == str(mini_raw / "waivers.yaml") for i in report.errors)


def test_a_waiver_for_a_file_not_checked_is_not_called_unused(mini_raw: Path) -> None:
    _waive(mini_raw, f"  - code: quote-unbalanced\n    file: articles/001_{ARTICLE_ID}.txt\n    reason: checked\n")
    assert validate_paths([mini_raw / "entities.yaml"], mini_raw).issues == []


def test_the_projects_own_raw_folder_passes_strict_with_its_waivers_listed() -> None:
    report = validate_paths([ROOT / "raw"], ROOT / "raw")
    assert report.ok(strict=True), [i.format() for i in report.issues]
    assert all(w.issue.severity == "warning" and w.reason for w in report.waived)
