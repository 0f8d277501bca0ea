"""The build on a tiny real-file corpus: golden rows, determinism, atomicity, located errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from jsec_data.build.dataset import BuildError, build_dataset
from jsec_data.cli import app

from ..conftest import MINI_RAW

ARTICLE = MINI_RAW / "articles" / "001_0123456789abcdef.txt"


def _rows(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / "data" / f"{table}.parquet").to_pylist()


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_golden_rows(tmp_path: Path) -> None:
    result = build_dataset(MINI_RAW, tmp_path / "out")
    assert result.ok, [i.format() for i in result.report.errors]
    assert result.row_counts == {"articles": 2, "entities": 4, "quotations": 3, "statements": 3,
                                 "agreements": 1, "agreement_mentions": 2}
    # Expected offsets come from the raw file itself, not from the code under test.
    text = ARTICLE.read_bytes().decode("utf-8")
    quotations = {r["quotation_id"]: r for r in _rows(tmp_path / "out", "quotations")}
    q3 = quotations["0123456789abcdef-q3"]
    assert q3["text"] == "التعاون بيننا لم يكن أقوى من أي وقت مضى."
    assert q3["char_start"] == text.index("التعاون بيننا")
    assert q3["speaker_ids"] == ["japanese-defence-minister"] and q3["statement_id"] is None
    q2 = quotations["0123456789abcdef-q2"]
    assert q2["is_fragment"] is True and q2["statement_id"] == "0123456789abcdef-s2"
    mentions = _rows(tmp_path / "out", "agreement_mentions")
    assert [m["char_start"] for m in mentions] == [text.index("اتفاقية للتعاون"), text.index("الاتفاقية «")]

    articles = {r["article_id"]: r for r in _rows(tmp_path / "out", "articles")}
    article = articles["0123456789abcdef"]
    assert article["text"] == text
    assert [s["kind"] for s in article["segments"]] == ["title", "lead", "body", "see_also", "body", "social_follow"]
    assert "اقرأ أيضاً" not in article["body"] and "تابعونا" not in article["body"]
    assert article["body"].startswith("كانبيرا –") and article["event_date"] == dt.date(2024, 9, 5)
    assert article["source_sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    crlf = articles["fedcba9876543210"]
    assert "\r" not in crlf["text"] and crlf["event_date"] is None and crlf["title"] == "عنوان بلا شروح"


def test_manifest_lists_every_raw_file_read_with_its_checksum(tmp_path: Path) -> None:
    import json

    assert build_dataset(MINI_RAW, tmp_path / "out").ok
    out = tmp_path / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listing = (out / "inputs.sha256").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in listing)
    # Expected from the files on disk, not from the build's own bookkeeping (every file of
    # the mini corpus is read by the build).
    expected = {p.relative_to(MINI_RAW).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(MINI_RAW.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(MINI_RAW).parts)}
    assert listed == expected and len(listing) == len(expected)
    assert {"entities.yaml", "agreements.yaml"} <= set(listed) and any(k.startswith("annotations/") for k in listed)
    assert manifest["inputs"] == {"files": len(expected), "listing": "inputs.sha256",
                                  "sha256": hashlib.sha256((out / "inputs.sha256").read_bytes()).hexdigest()}
    for name, entry in manifest["tables"].items():
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest(), name


def test_every_span_round_trips(tmp_path: Path) -> None:
    build_dataset(MINI_RAW, tmp_path / "out")
    texts = {r["article_id"]: r["text"] for r in _rows(tmp_path / "out", "articles")}
    for table in ("quotations", "statements", "agreement_mentions"):
        for row in _rows(tmp_path / "out", table):
            assert texts[row["article_id"]][row["char_start"] : row["char_end"]] == row["text"]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build_dataset(MINI_RAW, tmp_path / "a")
    build_dataset(MINI_RAW, tmp_path / "b", batch_size=1)
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")


def test_failed_build_reports_everything_and_keeps_old_output(mini_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(mini_raw, out).ok
    before = _tree_digest(out)
    annotations = mini_raw / "annotations" / "0123456789abcdef.yaml"
    text = annotations.read_text(encoding="utf-8")
    text = text.replace("exact: ستعزز الردع", "exact: ستعزز الردعَ")  # not in the article
    text = text.replace("speaker_ids: [japanese-defence-minister]\n    cue: وأكد", "speaker_ids: [nobody]\n    cue: وأكد")
    annotations.write_text(text, encoding="utf-8")
    (mini_raw / "articles" / "003_00000000000000ff.txt").write_bytes(b"\xd8\xa7\xff")

    result = build_dataset(mini_raw, out)
    assert not result.ok
    found = {(i.file, i.code) for i in result.report.errors}
    assert ("annotations/0123456789abcdef.yaml", "anchor-not-found") in found
    assert ("annotations/0123456789abcdef.yaml", "unknown-entity") in found
    assert ("articles/003_00000000000000ff.txt", "invalid-utf8") in found
    unknown = next(i for i in result.report.errors if i.code == "unknown-entity")
    assert unknown.line == text.splitlines().index("    speaker_ids: [nobody]") + 1
    assert unknown.field == "statements[2].speaker_ids[0]"
    assert _tree_digest(out) == before
    assert not list(tmp_path.glob(".out.*")), "temporary folders must be cleaned up"


def test_oversized_files_are_refused_unread_with_their_size(mini_raw: Path, tmp_path: Path) -> None:
    from jsec_data.core.text import MAX_ARTICLE_BYTES
    from jsec_data.raw.yamlfiles import MAX_YAML_BYTES

    out = tmp_path / "out"
    assert build_dataset(mini_raw, out).ok
    before = _tree_digest(out)
    big_article = mini_raw / "articles" / "003_00000000000000ff.txt"
    big_article.write_bytes("ا".encode() * (MAX_ARTICLE_BYTES // 2) + b".")  # one byte over
    big_yaml = mini_raw / "metadata" / "fedcba9876543210.yaml"
    big_yaml.write_bytes(b"article_id: fedcba9876543210\nnotes: '" + b"x" * MAX_YAML_BYTES + b"'\n")
    result = build_dataset(mini_raw, out)
    found = {(i.file, i.code, i.message) for i in result.report.errors}
    assert ("articles/003_00000000000000ff.txt", "file-too-large",
            f"file is {MAX_ARTICLE_BYTES + 1:,} bytes; the limit is {MAX_ARTICLE_BYTES:,}") in found
    assert ("metadata/fedcba9876543210.yaml", "file-too-large",
            f"file is {big_yaml.stat().st_size:,} bytes; the limit is {MAX_YAML_BYTES:,}") in found
    assert all("few kB" in (i.hint or "") for i in result.report.errors if i.code == "file-too-large")
    assert not result.ok and _tree_digest(out) == before


def test_refuses_to_replace_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("do not delete")
    with pytest.raises(BuildError, match="not a jsec build"):
        build_dataset(MINI_RAW, precious)
    assert (precious / "thesis.tex").read_text() == "do not delete"


def test_cli_exit_codes_and_messages(mini_raw: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["build", "--raw", str(mini_raw), "--out", str(tmp_path / "out")])
    assert ok.exit_code == 0 and "quotations 3" in ok.output
    usage = runner.invoke(app, ["build", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "o2")])
    assert usage.exit_code == 2 and "does not exist" in usage.output and "Traceback" not in usage.output
    (mini_raw / "entities.yaml").write_text("entities:\n  - entity_id: jpn\n    kind: state\n", encoding="utf-8")
    bad = runner.invoke(app, ["build", "--raw", str(mini_raw), "--out", str(tmp_path / "out")])
    assert bad.exit_code == 1 and "left unchanged" in bad.output
    # Named as the contributor opens it from where the build ran (as jsec validate names it), not raw-relative.
    assert f"{mini_raw / 'entities.yaml'}:2:5: error:" in bad.output
    as_json = runner.invoke(app, ["build", "--raw", str(mini_raw), "--out", str(tmp_path / "out"), "--json"])
    files = {issue["file"] for issue in json.loads(as_json.output)["report"]["issues"]}
    assert str(mini_raw / "entities.yaml") in files


def test_build_refuses_duplicate_yaml_keys_and_future_signatures(mini_raw: Path, tmp_path: Path) -> None:
    """The build runs the same YAML and date checks as `jsec validate` (one parse, one place)."""
    metadata = mini_raw / "metadata" / "0123456789abcdef.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    agreements = mini_raw / "agreements.yaml"
    agreements.write_text(agreements.read_text(encoding="utf-8").replace("signed_date: null", "signed_date: 2999-01-01"),
                          encoding="utf-8")
    result = build_dataset(mini_raw, tmp_path / "out", today=dt.date(2026, 1, 1))
    found = {(i.file, i.code, i.line) for i in result.report.errors}
    assert ("metadata/0123456789abcdef.yaml", "duplicate-key", 8) in found
    assert ("agreements.yaml", "date-in-future", 7) in found
    assert not result.ok


def test_annotation_file_for_a_missing_article_is_an_error(mini_raw: Path, tmp_path: Path) -> None:
    source = mini_raw / "annotations" / "0123456789abcdef.yaml"
    (mini_raw / "annotations" / "0123456789abcdee.yaml").write_bytes(source.read_bytes())  # mistyped id
    (mini_raw / "metadata" / "notes.txt").write_text("scratch", encoding="utf-8")
    result = build_dataset(mini_raw, tmp_path / "out")
    assert [(i.file, i.code) for i in result.report.errors] == [("annotations/0123456789abcdee.yaml", "unknown-article")]
    assert ("metadata/notes.txt", "ignored-file") in {(i.file, i.code) for i in result.report.warnings}


def test_interrupted_build_keeps_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    before = _tree_digest(out)

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_dataset(MINI_RAW, out, batch_size=1, progress=interrupt)
    assert _tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no temporary folder may be left behind"
